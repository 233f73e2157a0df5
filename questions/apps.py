from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    label = "questions"
    verbose_name = "Questions and answers"

    def ready(self) -> None:
        from base import pagecache

        from . import members, moderation
        from .models import Answer, Citation, Question

        moderation.connect()
        members.register()
        # The home page shows pinned questions, and a cited case study or seminar the
        # questions that cite it (through a live answer): a change to any forgets the copies.
        pagecache.forget_on_change(Question, Answer, Citation, uid="questions")
