"""Question and answer URLs, under /questions/. A question's address carries its number,
not its title: a stranger sent to sign in sees the address."""

from django.urls import path

from . import following_views, views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.ask, name="ask"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/edit/", views.edit_question, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw_question, name="withdraw"),
    path("<int:pk>/unaccept/", views.unaccept, name="unaccept"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/helpful/", views.helpful, name="helpful"),
    path("answers/<int:pk>/edit/", views.edit_answer, name="edit_answer"),
    path("answers/<int:pk>/withdraw/", views.withdraw_answer, name="withdraw_answer"),
    # Moderation: members report posts.
    path("<int:pk>/report/", views.report_question, name="report"),
    path("answers/<int:pk>/report/", views.report_answer, name="report_answer"),
    # Following a question, and the link in its emails that stops them.
    path("<int:pk>/follow/", following_views.follow, name="follow"),
    path("<int:pk>/unfollow/", following_views.unfollow, name="unfollow"),
    path("emails/stop/<str:token>/", following_views.stop_notices, name="stop_notices"),
]
