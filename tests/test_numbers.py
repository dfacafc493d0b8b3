from hypothesis import given, strategies as st

from bot.numbers import shares, signed_change, vn_decimal, vn_int, vn_percent


def test_department_example():
    counts = [12002, 11347, 96475]
    assert vn_int(sum(counts)) == "119.824"
    assert [vn_percent(s) for s in shares(counts)] == ["10%", "9,5%", "80,5%"]


def test_formats():
    assert vn_int(0) == "0" and vn_int(1_234_567) == "1.234.567"
    assert vn_decimal(1234.56) == "1.234,6" and vn_decimal(7.0) == "7" and vn_decimal(0.25, 2) == "0,25"
    assert signed_change(4550, 4364) == "tăng 186" and signed_change(3, 10) == "giảm 7"
    assert signed_change(5, 5) == "không đổi"


def test_rounding_adds_up_to_100():
    assert shares([1, 1, 1]) == [33.4, 33.3, 33.3]
    assert shares([0, 0, 0]) == [0.0, 0.0, 0.0]
    assert shares([5, 0]) == [100.0, 0.0]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8))
def test_shares_always_total_100(counts):
    result = shares(counts)
    if sum(counts):
        assert round(sum(result) * 10) == 1000
        for count, share in zip(counts, result):
            assert abs(share - count * 100 / sum(counts)) < 0.1 + 1e-9
