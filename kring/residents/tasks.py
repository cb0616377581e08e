"""Mail made in the background, so the page answers equally fast for every address."""

from django_tasks import task

from .door import send_link_mail


@task()
def send_login_link(email: str, language: str) -> dict:
    return {"opens": send_link_mail(email=email, language=language)}
