"""The web app: server-rendered pages for officers and the JSON API (see ``app.create_app``)."""
