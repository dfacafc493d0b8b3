"""analyses: the claim an item repeats or rebuts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_analyses_claim_id_claims'), 'claims', ['claim_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_analyses_claim_id'), ['claim_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyses_claim_id'))
        batch_op.drop_constraint(batch_op.f('fk_analyses_claim_id_claims'), type_='foreignkey')
        batch_op.drop_column('claim_id')
