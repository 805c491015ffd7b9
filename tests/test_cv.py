"""The resident uploads a CV, checked by its content; only they can download it."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from residents import cv
from residents.selectors import profile_of
from tests.helpers import text

STEP = "/mon-profil/mon-cv/"
DOWNLOAD = "/mon-profil/cv/"


def pdf_bytes(body: str = "CV de Alice") -> bytes:
    """A small, valid one-page PDF."""
    stream = f"BT /F1 12 Tf 72 720 Td ({body}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body_bytes in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def zip_bytes(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, entries.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def odt_bytes() -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
        },
        stored_first="mimetype",
    )


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def alice(personas, login):
    return login(personas.alice)


def upload(client, name: str, content: bytes):
    return client.post(STEP, {"cv": SimpleUploadedFile(name, content)})


def test_a_pdf_is_stored_under_a_random_name_and_downloaded_by_its_owner(
    personas, alice, media, django_capture_on_commit_callbacks
):
    content = pdf_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(alice, "Mon CV 2025.pdf", content)
    assert response.status_code == 302 and response["Location"] == "/mon-profil/fin/"
    profile = profile_of(personas.alice)
    stored = Path(profile.cv.path)
    assert stored.is_relative_to(media) and stored.read_bytes() == content
    assert "Mon CV" not in profile.cv.name and stored.suffix == ".pdf"
    assert profile.cv_name == "Mon CV 2025.pdf" and profile.cv_uploaded_at
    download = alice.get(DOWNLOAD)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Mon CV 2025.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "Mon CV 2025.pdf" in text(alice.get(STEP))


def test_docx_and_odt_are_accepted(personas, alice):
    assert upload(alice, "cv.docx", docx_bytes()).status_code == 302
    assert profile_of(personas.alice).cv.name.endswith(".docx")
    assert upload(alice, "cv.odt", odt_bytes()).status_code == 302
    profile = profile_of(personas.alice)
    assert profile.cv.name.endswith(".odt")
    download = alice.get(DOWNLOAD)
    assert download["Content-Type"] == "application/vnd.oasis.opendocument.text"


def test_a_renamed_executable_is_refused_and_the_previous_cv_kept(personas, alice):
    upload(alice, "cv.pdf", pdf_bytes())
    before = profile_of(personas.alice).cv.name
    response = upload(alice, "cv.pdf", EXECUTABLE)
    page = text(response)
    assert response.status_code == 200
    assert "Ce fichier n'est pas un CV en PDF, Word (DOCX) ou OpenDocument (ODT)." in page
    assert 'aria-describedby="id_cv_helptext id_cv_error"' in page
    profile = profile_of(personas.alice)
    assert profile.cv.name == before and Path(profile.cv.path).read_bytes() == pdf_bytes()


def test_a_6_mb_file_is_refused_and_the_previous_cv_kept(personas, alice, media):
    upload(alice, "cv.pdf", pdf_bytes())
    before = profile_of(personas.alice).cv.name
    big = pdf_bytes() + b"%" + b"0" * (6 * 1024 * 1024)
    page = text(upload(alice, "gros.pdf", big))
    assert "Ce fichier est trop lourd (6,0 Mo). Le CV doit faire 5 Mo au plus." in page
    assert profile_of(personas.alice).cv.name == before
    assert len(list(media.rglob("*.pdf"))) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("cv.docx", zip_bytes({"evil.exe": EXECUTABLE})),  # a ZIP, but not a document
        ("cv.odt", zip_bytes({"content.xml": b"<x/>", "mimetype": b"text/plain"})),
        ("cv.pdf", b"Bonjour, voici mon CV en texte."),
        ("cv.pdf", b""),
    ],
)
def test_other_contents_are_refused_whatever_their_name(personas, alice, name, content):
    response = upload(alice, name, content)
    assert response.status_code == 200
    assert 'class="error" id="id_cv_error"' in text(response)
    assert not profile_of(personas.alice).cv


def test_replacing_deletes_the_old_file_after_commit(
    personas, alice, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice, "cv.pdf", pdf_bytes())
    first = Path(profile_of(personas.alice).cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice, "cv.docx", docx_bytes())
    assert not first.exists()
    assert [p.suffix for p in media.rglob("*.*")] == [".docx"]


def test_the_resident_can_delete_the_cv(personas, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice, "cv.pdf", pdf_bytes())
    path = Path(profile_of(personas.alice).cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post("/mon-profil/mon-cv/supprimer/")
    assert response.status_code == 302
    assert not profile_of(personas.alice).cv and not path.exists()
    assert alice.get(DOWNLOAD).status_code == 404


def test_only_the_owner_downloads(personas, alice, login, client):
    upload(alice, "cv.pdf", pdf_bytes())
    name = profile_of(personas.alice).cv.name
    for persona in ("bob", "emma", "ada", "sam"):
        assert login(getattr(personas, persona)).get(DOWNLOAD).status_code == 404, persona
    anonymous = client.get(DOWNLOAD)
    assert anonymous.status_code == 302 and "/comptes/connexion/" in anonymous["Location"]
    # Uploads are not served as files: no address reaches them but the owner's page.
    assert client.get(f"/media/{name}").status_code == 404
    assert login(personas.emma).get(f"/media/{name}").status_code == 404


def test_the_check_reads_the_content_not_the_name():
    assert cv.cv_kind(SimpleUploadedFile("cv.exe", pdf_bytes())) is cv.PDF
    assert cv.cv_kind(SimpleUploadedFile("cv", docx_bytes())) is cv.DOCX
    assert cv.cv_kind(SimpleUploadedFile("cv.pdf", odt_bytes())) is cv.ODT
    with pytest.raises(Exception, match="n'est pas un CV"):
        cv.cv_kind(SimpleUploadedFile("cv.pdf", EXECUTABLE))


def test_the_cv_is_not_marked_required_and_sending_nothing_explains_or_keeps_it(personas, alice):
    page = text(alice.get(STEP))
    label = page.split('<label for="id_cv">')[1].split("</label>")[0]
    assert label == "Votre CV"  # no "*": the step says a CV is not required
    page = text(alice.post(STEP, {}))
    assert "ou cliquez sur « Passer cette étape » si vous n'avez pas de CV." in page
    upload(alice, "cv.pdf", pdf_bytes())
    before = profile_of(personas.alice).cv.name
    response = alice.post(STEP, {})
    assert response.status_code == 302 and response["Location"] == "/mon-profil/fin/"
    assert profile_of(personas.alice).cv.name == before
