from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    label = "questions"
    verbose_name = "Questions and answers"

    def ready(self):
        from . import members

        members.register()
