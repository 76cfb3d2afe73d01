"""Swedish by default, English when chosen in the language menu.

The checks use strings from Django's own Swedish catalogue and the `lang`
attribute, so they hold whatever the project's catalogue has translated.
"""

import pytest

LOGIN_PATH = "/konto/logga-in/"


def choose_language(client, language: str, next_url: str = LOGIN_PATH):
    return client.post("/sprak/", {"language": language, "next": next_url})


@pytest.mark.django_db
class TestDefaultLanguage:
    def test_page_is_marked_swedish(self, client):
        response = client.get(LOGIN_PATH)

        assert '<html lang="sv">' in response.text
        assert response["Content-Language"] == "sv"

    def test_django_strings_are_swedish(self, client):
        response = client.get(LOGIN_PATH)

        assert "Användarnamn" in response.text
        assert "Lösenord" in response.text

    @pytest.mark.parametrize("accept", ["en", "en-GB,en;q=0.9", "de,en;q=0.5"])
    def test_browser_language_is_ignored(self, client, accept):
        response = client.get(LOGIN_PATH, headers={"accept-language": accept})

        assert '<html lang="sv">' in response.text
        assert "Användarnamn" in response.text

    def test_signed_in_pages_are_swedish(self, employee_client):
        response = employee_client.get("/", headers={"accept-language": "en"})

        assert '<html lang="sv">' in response.text
        assert response["Content-Language"] == "sv"

    def test_form_errors_are_swedish(self, employee_client, category, unit):
        response = employee_client.post("/ideer/ny/", {"title": ""})

        assert "Det här fältet är obligatoriskt" in response.text

    def test_unknown_cookie_value_falls_back(self, client):
        client.cookies["django_language"] = "xx"

        response = client.get(LOGIN_PATH)

        assert '<html lang="sv">' in response.text

    def test_response_varies_by_cookie(self, client):
        response = client.get(LOGIN_PATH)

        assert "Cookie" in response["Vary"]


@pytest.mark.django_db
class TestChooseEnglish:
    def test_choice_is_stored_in_cookie(self, client):
        response = choose_language(client, "en")

        assert response.cookies["django_language"].value == "en"

    def test_choice_returns_to_page(self, client):
        response = choose_language(client, "en", "/konto/aterstall/")

        assert response["Location"] == "/konto/aterstall/"

    def test_english_page_is_marked_english(self, client):
        choose_language(client, "en")

        response = client.get(LOGIN_PATH)

        assert '<html lang="en">' in response.text
        assert response["Content-Language"] == "en"

    def test_english_strings_are_shown(self, client):
        choose_language(client, "en")

        response = client.get(LOGIN_PATH)

        assert "Username" in response.text
        assert "Användarnamn" not in response.text

    def test_english_survives_sign_in(self, client, employee):
        from tests.conftest import PASSWORD

        choose_language(client, "en")
        client.post(LOGIN_PATH, {"username": employee.username, "password": PASSWORD})

        response = client.get("/")

        assert '<html lang="en">' in response.text

    def test_swedish_can_be_chosen_again(self, client):
        choose_language(client, "en")
        choose_language(client, "sv")

        response = client.get(LOGIN_PATH)

        assert '<html lang="sv">' in response.text

    def test_unoffered_language_gives_swedish(self, client):
        choose_language(client, "fr")

        response = client.get(LOGIN_PATH)

        assert '<html lang="sv">' in response.text

    def test_off_site_next_is_ignored(self, client):
        response = choose_language(client, "en", "https://evil.example/")

        assert "evil.example" not in response["Location"]

    def test_language_menu_offers_both(self, client):
        response = client.get(LOGIN_PATH)

        assert '<option value="sv" lang="sv" selected>Svenska</option>' in response.text
        assert '<option value="en" lang="en">English</option>' in response.text

    def test_menu_returns_to_current_page(self, employee_client):
        response = employee_client.get("/ideer/", {"status": "submitted"})

        assert 'name="next" value="/ideer/?status=submitted"' in response.text


@pytest.mark.django_db
class TestDefaultPageTexts:
    def test_english_headings_and_intro(self, employee_client):
        choose_language(employee_client, "en", "/")

        ideas = employee_client.get("/ideer/").text
        news = employee_client.get("/nyheter/").text
        home = employee_client.get("/").text

        assert "<h1>Ideas</h1>" in ideas
        assert "<title>Ideas – Idébanken</title>" in ideas
        assert "<h1>News</h1>" in news
        assert "<title>News – Idébanken</title>" in news
        assert "Here you submit ideas" in home
        assert "Här lämnar du idéer" not in home

    def test_swedish_headings_unchanged(self, employee_client):
        ideas = employee_client.get("/ideer/").text
        news = employee_client.get("/nyheter/").text

        assert "<h1>Idéer</h1>" in ideas
        assert "<h1>Nyheter</h1>" in news

    def test_edited_title_kept(self, employee_client, index_page):
        index_page.title = "Förbättringsförslag"
        index_page.save_revision().publish()
        choose_language(employee_client, "en", "/")

        response = employee_client.get("/ideer/")

        assert "<h1>Förbättringsförslag</h1>" in response.text
