"""Mail made in the background, so that the page answers equally fast for every address."""

from django_tasks import task

from .reset_mail import send_reset_mail, users_for


@task()
def send_password_reset(email: str, language: str) -> dict:
    users = users_for(email)
    for user in users:
        send_reset_mail(user, language=language)
    return {"sent": len(users)}
