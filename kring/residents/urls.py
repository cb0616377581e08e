from django.urls import path

from . import views

app_name = "residents"
urlpatterns = [
    path("mijn/inloggen/", views.ask_link, name="ask_link"),
    path("mijn/inloggen/verstuurd/", views.link_sent, name="link_sent"),
    path("mijn/inloggen/<uidb64>/<token>/", views.open_link, name="open_link"),
    path("mijn/wachtwoord/", views.password, name="password"),
    path("mijn/", views.home, name="home"),
    path("mijn/<slug:slug>/", views.mine, name="mine"),
    path("mijn/<slug:slug>/gegevens/", views.my_data, name="my_data"),
    path("mijn/<slug:slug>/gegevens.json", views.my_data_json, name="my_data_json"),
    path("mijn/<slug:slug>/gegevens.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("mijn/<slug:slug>/wissen/", views.erase, name="erase"),
    path("mijn/<slug:slug>/toestemming/", views.consents, name="consents"),
    path("mijn/<slug:slug>/gaven/nieuw/", views.gift_new, name="gift_new"),
    path("mijn/<slug:slug>/gaven/<int:pk>/", views.gift_edit, name="gift_edit"),
    path("mijn/<slug:slug>/gaven/<int:pk>/weg/", views.gift_remove, name="gift_remove"),
    path("mijn/<slug:slug>/vragen/", views.asks, name="asks"),
    path("mijn/<slug:slug>/vragen/nieuw/", views.ask_new, name="ask_new"),
    path("mijn/<slug:slug>/vragen/<int:pk>/help/", views.help_ask, name="help"),
    path("mijn/<slug:slug>/vragen/<int:pk>/sluiten/", views.ask_close, name="ask_close"),
    path("c/<slug:slug>/bewoners-schrijven/", views.review, name="review"),
    path(
        "c/<slug:slug>/bewoners-schrijven/vragen/<int:pk>/aannemen/",
        views.ask_accept,
        name="ask_accept",
    ),
    path(
        "c/<slug:slug>/bewoners-schrijven/vragen/<int:pk>/afwijzen/",
        views.ask_decline,
        name="ask_decline",
    ),
    path(
        "c/<slug:slug>/bewoners-schrijven/gaven/<int:pk>/aannemen/",
        views.gift_accept,
        name="gift_accept",
    ),
    path(
        "c/<slug:slug>/bewoners-schrijven/gaven/<int:pk>/afwijzen/",
        views.gift_decline,
        name="gift_decline",
    ),
    path(
        "c/<slug:slug>/bewoners-schrijven/hulp/<int:pk>/verbinden/",
        views.connect,
        name="connect",
    ),
    path("c/<slug:slug>/residents/<int:pk>/eigen-link/", views.send_link, name="send_link"),
]
