"""The lesson chooser of the issue editor: lessons of live, public seminars only."""

from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from casestudies.models import SeminarLesson, SeminarPage


def public_lessons():
    """Lessons of seminars that are live and behind no view restriction."""
    return SeminarLesson.objects.filter(page__in=SeminarPage.objects.live().public())


class _PublicLessons:
    def get_object_list(self):
        return public_lessons().select_related("page").order_by("page__title", "sort_order")


class LessonChooseView(_PublicLessons, ChooseView):
    pass


class LessonChooseResultsView(_PublicLessons, ChooseResultsView):
    pass


class LessonChooserViewSet(ChooserViewSet):
    model = SeminarLesson
    icon = "help"
    choose_one_text = "Choose a lesson"
    choose_another_text = "Choose another lesson"
    choose_view_class = LessonChooseView
    choose_results_view_class = LessonChooseResultsView


lesson_chooser_viewset = LessonChooserViewSet("newsletter_lesson_chooser")
