"""Mail made in the background, so the page answers equally fast for every address."""

from django_tasks import task


@task()
def send_login_link(email: str, language: str) -> dict:
    from .door import send_link_mail

    return {"opens": send_link_mail(email=email, language=language)}
