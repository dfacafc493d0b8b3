"""`diembao nlp train|evaluate|predict|analyze`: the models behind the annotations, on files and single texts."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.context import load_settings
from nlp.classifier import TASKS

app = typer.Typer(help="Mô hình phân tích văn bản: huấn luyện, đánh giá, dự đoán, phân tích một văn bản.",
                  no_args_is_help=True)

TASK_HELP = "Tác vụ: sentiment | toxicity | misinfo | topic."
REVIEWS_HELP = ("Thêm quyết định của người duyệt trong cơ sở dữ liệu đã cấu hình vào dữ liệu huấn luyện "
                "(dùng một mình hoặc cùng --data).")
POLICY_HELP = "Với --from-reviews: latest = nhãn mới nhất của mỗi tin; majority = đa số người duyệt."


def _fail(message: str) -> None:
    typer.echo(f"Lỗi: {message}", err=True)
    raise typer.Exit(2)


def _task(name: str) -> str:
    if name not in TASKS:
        _fail(f"tác vụ {name!r} không có; chọn một trong: {', '.join(TASKS)}")
    return name


def _model(task: str, model_dir: Path | None):
    """The model in `model_dir`, or the one the analyzer uses (configured, else shipped), as a LiveModel."""
    from nlp.training import configured_model, saved_model

    try:
        live = saved_model(task, model_dir) if model_dir else configured_model(task, load_settings().nlp)
    except (FileNotFoundError, ValueError) as exc:
        _fail(f"không nạp được mô hình {model_dir or task}: {exc}")
    if live is None:
        _fail(f"chưa có mô hình cho tác vụ {task}: đặt nlp.models_dir hoặc dùng --model THƯ_MỤC.")
    return live


def _reviewed(task: str, policy: str) -> list[dict]:
    """What reviewers decided for `task`, from the configured database, as training/evaluation records."""
    from bot.casework.training import POLICIES, review_records
    from bot.context import open_database

    if policy not in POLICIES:
        _fail(f"--policy cần một trong: {', '.join(POLICIES)}")
    database = open_database(load_settings())
    with database.session() as session:
        return review_records(session, task, policy=policy)


def _records(path: Path, need_label: bool = True) -> list[dict]:
    from nlp.training import DataError, read_jsonl

    try:
        return read_jsonl(path, need_label)
    except DataError as exc:
        _fail(str(exc))


@app.command()
def train(task: str = typer.Option(..., "--task", help=TASK_HELP),
          data: Path | None = typer.Option(None, "--data", help="Tệp JSON Lines có trường text và label."),
          from_reviews: bool = typer.Option(False, "--from-reviews", help=REVIEWS_HELP),
          policy: str = typer.Option("latest", "--policy", help=POLICY_HELP),
          dev: Path | None = typer.Option(None, "--dev", help="Tệp JSON Lines để đánh giá sau khi huấn luyện."),
          out: Path = typer.Option(..., "--out", help="Thư mục lưu mô hình.")) -> None:
    """Huấn luyện mô hình cho một tác vụ từ tệp JSON Lines và/hoặc từ nhãn của người duyệt."""
    from bot.casework.training import TooFewReviews, check_for_training, counts_text, provenance
    from bot.numbers import vn_int
    from nlp.training import train as train_model

    task = _task(task)
    if data is None and not from_reviews:
        _fail("cần dữ liệu: --data TỆP.jsonl, --from-reviews, hoặc cả hai.")
    records = _records(data) if data else []
    training_data = None
    if from_reviews:
        reviewed = _reviewed(task, policy)
        try:
            check_for_training(reviewed, task, with_other_data=bool(records))
        except TooFewReviews as exc:
            _fail(str(exc))
        typer.echo(f"Nhãn của người duyệt (cách chọn: {policy}): {vn_int(len(reviewed))} tin "
                   f"({counts_text(reviewed)}).")
        records += reviewed
        training_data = provenance(reviewed, policy)
    dev_records = _records(dev) if dev else None
    origin = " và ".join(([str(data)] if data else []) + (["nhãn của người duyệt"] if from_reviews else []))
    typer.echo(f"Huấn luyện {task} trên {len(records):,} mẫu từ {origin}...".replace(",", "."))
    try:
        model, report = train_model(task, records, out, dev_records, training_data)
    except ValueError as exc:
        _fail(str(exc))
    summary = getattr(model, "summary", {})
    typer.echo(f"Đã lưu mô hình vào {out} (nhãn: {', '.join(model.labels)}).")
    if summary.get("cv_score") is not None:
        typer.echo(f"Kiểm định chéo trên dữ liệu huấn luyện ({summary['cv_objective']}): "
                   f"{summary['cv_score']:.4f}, sau chỉnh ngưỡng: {summary['cv_score_tuned']:.4f}")
    if report:
        typer.echo(f"Trên tập dev {dev}: accuracy {report['accuracy']:.4f}, macro-F1 {report['macro_f1']:.4f}, "
                   f"weighted-F1 {report['weighted_f1']:.4f}")


@app.command()
def evaluate(task: str = typer.Option(..., "--task", help=TASK_HELP),
             data: Path | None = typer.Option(None, "--data", help="Tệp JSON Lines có trường text và label."),
             from_reviews: bool = typer.Option(False, "--from-reviews", help="Đánh giá trên quyết định của người "
                                               "duyệt trong cơ sở dữ liệu đã cấu hình (thay cho --data)."),
             policy: str = typer.Option("latest", "--policy", help=POLICY_HELP),
             model: Path | None = typer.Option(None, "--model", help="Thư mục mô hình (mặc định: mô hình đang dùng)."),
             positive_label: str | None = typer.Option(None, "--positive-label",
                                                       help="Nhãn dương cho ROC-AUC (tác vụ hai nhãn)."),
             as_json: bool = typer.Option(False, "--json", help="In một đối tượng JSON.")) -> None:
    """Đánh giá mô hình: precision, recall, F1 từng nhãn, accuracy, macro-F1, weighted-F1, ma trận nhầm lẫn."""
    from nlp.training import evaluate as evaluate_records

    task = _task(task)
    if (data is None) == (not from_reviews):
        _fail("chọn một nguồn dữ liệu: --data TỆP.jsonl hoặc --from-reviews.")
    live = _model(task, model)
    source = None
    if from_reviews:
        records, source = _reviewed_for_evaluation(task, policy, live)
        if not as_json:
            aside = (f"; bỏ qua {source['left_out']} tin đã dùng để huấn luyện mô hình này" if source["left_out"]
                     else "")
            typer.echo(f"Mô hình {live.version} ({live.directory or 'cấu hình'}) đối chiếu với {len(records)} tin "
                       f"người duyệt đã kết luận (cách chọn nhãn: {policy}){aside}.")
    else:
        records = _records(data)
    try:
        report = evaluate_records(task, records, live.model, positive_label)
    except ValueError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps({**report, **({"reviews": source} if source else {})}, ensure_ascii=False))
        return
    _print_report(task, report)


def _reviewed_for_evaluation(task: str, policy: str, live) -> tuple[list[dict], dict]:
    """The reviewers' decisions the model did not learn from (a model trained on reviews lists its items)."""
    from bot.casework.training import TooFewReviews, check_for_evaluation, trained_items
    from nlp.classifier import read_manifest

    records = _reviewed(task, policy)
    seen = trained_items(read_manifest(live.directory)) if live.directory else set()
    kept = [r for r in records if r["item_id"] not in seen]
    try:
        check_for_evaluation(kept, task, left_out=len(records) - len(kept))
    except TooFewReviews as exc:
        _fail(str(exc))
    return kept, {"items": len(kept), "left_out": len(records) - len(kept), "policy": policy, "model": live.version}


def _print_report(task: str, report: dict) -> None:
    typer.echo(f"{task}: {report['examples']} mẫu; accuracy {report['accuracy']:.4f}; macro-F1 "
               f"{report['macro_f1']:.4f}; weighted-F1 {report['weighted_f1']:.4f}")
    if report.get("roc_auc") is not None:
        typer.echo(f"ROC-AUC (nhãn dương {report['positive_label']}): {report['roc_auc']:.4f}")
    typer.echo(f"{'nhãn':<16}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}")
    for label, row in report["per_class"].items():
        typer.echo(f"{label:<16}{row['precision']:>10.4f}{row['recall']:>10.4f}{row['f1']:>10.4f}{row['support']:>10}")
    confusion = report["confusion"]
    if isinstance(confusion, dict) and "matrix" in confusion:
        typer.echo("Ma trận nhầm lẫn (hàng: nhãn đúng, cột: dự đoán): " + ", ".join(confusion["labels"]))
        for label, row in zip(confusion["labels"], confusion["matrix"]):
            typer.echo(f"  {label:<14}" + "".join(f"{v:>8}" for v in row))


@app.command()
def predict(task: str = typer.Option(..., "--task", help=TASK_HELP),
            input: Path = typer.Option(..., "--input", help="Tệp JSON Lines có trường text."),
            output: Path = typer.Option(..., "--output", help="Tệp JSON Lines kết quả (thêm label và scores)."),
            model: Path | None = typer.Option(None, "--model", help="Thư mục mô hình (mặc định: mô hình có sẵn).")
            ) -> None:
    """Gán nhãn cho từng dòng của tệp JSON Lines."""
    from nlp.training import predict as predict_records, write_jsonl

    task = _task(task)
    records = _records(input, need_label=False)
    count = write_jsonl(output, predict_records(task, records, _model(task, model).model))
    typer.echo(f"Đã ghi {count} dòng vào {output}.")


@app.command()
def analyze(text: str = typer.Argument(..., help="Văn bản cần phân tích."),
            title: str | None = typer.Option(None, "--title", help="Tiêu đề (nếu có)."),
            as_json: bool = typer.Option(False, "--json", help="In một đối tượng JSON.")) -> None:
    """In mọi nhãn của một văn bản, kèm lý do."""
    from bot.analysis import load_analyzer
    from bot.explain import describe

    analyzer = load_analyzer(load_settings())
    annotation = analyzer.analyze(text, title)
    if as_json:
        typer.echo(json.dumps({"model_version": analyzer.model_version, **annotation.as_dict()}, ensure_ascii=False))
        return
    for line in describe(annotation, analyzer.profile):
        typer.echo(line)
