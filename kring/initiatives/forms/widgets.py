"""Inputs the forms of the app share: dates and times as the browser's pickers, checkbox lists."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CheckboxList(forms.CheckboxSelectMultiple):
    """A list of check boxes that scrolls when it is long, so a phone user is not lost in it."""

    def __init__(self, attrs=None):
        super().__init__({"class": "check-list", **(attrs or {})})
