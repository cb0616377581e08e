import pytest
from django.core.exceptions import ValidationError

from kring.geo import codes


@pytest.mark.parametrize("code", ["GM0599", "GM0034", "GM9999"])
def test_valid_municipality_codes(code):
    codes.validate_municipality_code(code)


@pytest.mark.parametrize("code", ["", None, "GM599", "GM05990", "gm0599", "WK0599", "GM05A9"])
def test_invalid_municipality_codes(code):
    with pytest.raises(ValidationError):
        codes.validate_municipality_code(code)


@pytest.mark.parametrize("code", ["WK059901", "WK0599A1", "WK0599AB", "WK059900"])
def test_valid_district_codes_may_end_in_capitals(code):
    codes.validate_district_code(code)


@pytest.mark.parametrize(
    "code", ["", "WK05990", "WK0599011", "WKA59901", "WK0599a1", "BU059901", "WK 059901"]
)
def test_invalid_district_codes(code):
    with pytest.raises(ValidationError):
        codes.validate_district_code(code)


@pytest.mark.parametrize("code", ["BU05990101", "BU0599A1B2", "BU059901AZ", "BU0599A101"])
def test_valid_neighbourhood_codes_may_hold_capitals_in_the_last_parts(code):
    codes.validate_neighbourhood_code(code)


@pytest.mark.parametrize(
    "code", ["", "BU12345", "BU059901011", "BUA5990101", "BU0599a101", "WK05990101"]
)
def test_invalid_neighbourhood_codes(code):
    with pytest.raises(ValidationError):
        codes.validate_neighbourhood_code(code)


def test_the_error_names_the_code_given():
    with pytest.raises(ValidationError) as info:
        codes.validate_neighbourhood_code("BU12345")
    assert "BU12345" in info.value.messages[0]


def test_nesting_compares_the_digits_after_the_prefix():
    assert codes.digits("GM0599") == "0599"
    assert codes.district_belongs_to("WK059901", "GM0599")
    assert not codes.district_belongs_to("WK036301", "GM0599")
    assert codes.neighbourhood_belongs_to("BU0599A1B2", "WK0599A1")
    assert not codes.neighbourhood_belongs_to("BU05990201", "WK059901")
