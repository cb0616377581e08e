"""Tasks the multi-node test queues for two workers: each writes its mark to a shared file when
it has finished, so a mark written twice means a task ran twice."""

import time

from django_tasks import task


@task()
def leave_mark(path: str, mark: str, seconds: float = 0.0) -> str:
    time.sleep(seconds)
    with open(path, "a", encoding="utf-8") as marks:
        marks.write(mark + "\n")
    return mark
