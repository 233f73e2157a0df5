from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    label = "questions"
    verbose_name = "Questions and answers"

    def ready(self) -> None:
        from base import pagecache

        from . import members, moderation
        from .models import Question

        moderation.connect()
        members.register()
        # The home page shows pinned questions: a change to a question forgets its copies.
        pagecache.forget_on_change(Question, uid="questions")
