"""The case page (/kasus/<id>) on SQLite and PostgreSQL: the sample complaint walked to a signed Berita
Acara shows its summary, timeline, step deadlines, documents; the diagram's XML and status; comments;
who may read it (people involved, supervisors of its units, auditors) and who may not."""

from __future__ import annotations

import re

import pytest

from engine.bootstrap import Lintas
from engine.services.demo_walk import SampleCase
from tests.e2e.sample_support import sample_complaint
from tests.e2e.web_support import Browser
from tests.signing_support import SessionPki


@pytest.fixture
def sample(demo_lintas: Lintas, session_pki: SessionPki) -> SampleCase:
    return sample_complaint(demo_lintas, session_pki)


def page_of(browser: Browser, case: int) -> str:
    return browser.text(f"/kasus/{case}")


def test_the_case_page_shows_summary_timeline_deadlines_and_documents(browser: Browser, sample: SampleCase) -> None:
    case = sample.instance_id
    response = browser.signed_in_as("admin.pengaduan").get(f"/kasus/{case}")
    html = response.get_data(as_text=True)
    # bpmn-js draws under the app's strict policy (the browser test checks for violations): nothing widened.
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert (policy["script-src"], policy["style-src"], policy["connect-src"]) == ("'self'", "'self'", "'self'")
    assert policy["frame-ancestors"] == "'none'" and response.headers["Cache-Control"] == "no-store"
    assert "<h1>Pengaduan Jalan Rusak</h1>" in html and f"Kasus #{case} · LAP-DEMO-0001" in html
    assert "Nomor pelacakan" in html and "Anda terlibat dalam kasus ini." in html
    assert "17 Maret 2026 09.00 WIB" in html and "oleh Nur Aini Safitri, A.Md." in html
    assert re.search(r'class="badge badge--info">Berjalan<', html)
    # The only open step: the reporter's response, with a link once the task page exists.
    assert "Catat tanggapan pelapor" in html and "DISKOMINFO" in html
    # Timeline: sentences with Indonesian kind labels, in order.
    timeline = html[html.index('<ol class="timeline">'):]
    kinds = re.findall(r'<span class="timeline__kind">([^<]+)</span>', timeline)
    assert kinds[0] == "Mulai" and {"Tugas", "Tenggat", "Dokumen"} <= set(kinds)
    assert "Nur Aini Safitri, A.Md. memulai Pengaduan Jalan Rusak" in timeline
    signed = f"Ir. Slamet Riyadi, M.T. menandatangani Berita Acara Hasil Tindak Lanjut Pengaduan secara elektronik, " \
             f"nomor {sample.document.number}"
    assert signed in timeline
    assert timeline.index("memulai Pengaduan") < timeline.index("menandatangani Berita Acara")
    # Deadlines per step, in words: the verification phase was met.
    sla = html[html.index('class="table case-sla"'):]
    assert 'data-element-id="SubProcess_Verifikasi"' in sla and "Selesai tepat waktu" in sla and "Terpenuhi" in sla
    # Documents with their verdict and the verification link.
    assert "Berita Acara Hasil Tindak Lanjut Pengaduan" in html and "SAH" in html
    assert f"/v/{sample.document.public_id}" in html and f"/dokumen/{sample.document.id}/pdf" in html
    # The diagram container (drawn by diagram.js) and its fallback text without JavaScript.
    assert f'data-bpmn-url="/kasus/{case}/bpmn"' in html and f'data-states-url="/kasus/{case}/status.json"' in html
    assert "Diagram memerlukan JavaScript" in html and "Catat tanggapan pelapor" in html
    assert "bpmn-viewer.production.min.js" in html and "js/diagram.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html


def test_english_timeline(browser: Browser, sample: SampleCase) -> None:
    browser.signed_in_as("auditor")
    browser.post("/bahasa", {"lang": "en", "next": "/"}, page="/kotak-masuk")
    html = page_of(browser, sample.instance_id)
    assert "Nur Aini Safitri, A.Md. started Pengaduan Jalan Rusak" in html
    assert '<span class="timeline__kind">Start</span>' in html and "You read this case as an auditor." in html


def test_bpmn_xml_and_status_json(browser: Browser, sample: SampleCase) -> None:
    case = sample.instance_id
    browser.signed_in_as("kadis.pupr")
    xml = browser.get(f"/kasus/{case}/bpmn")
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    body = xml.get_data(as_text=True)
    assert body.lstrip().startswith("<bpmn:definitions") and 'id="Task_TanggapanPelapor"' in body
    status = browser.get(f"/kasus/{case}/status.json")
    assert status.status_code == 200 and status.mimetype == "application/json"
    data = status.get_json()
    assert {"StartEvent_Laporan", "Task_Verifikasi", "Task_Disposisi", "Task_PemeriksaanLapangan",
            "Task_Persetujuan", "Task_ParafBA", "Task_TandaTanganBA"} <= set(data["completed"])
    assert "Task_TanggapanPelapor" in data["active"] and data["failed"] == []
    assert data["sla"]["SubProcess_Verifikasi"]["state"] == "met"
    assert data["sla"]["SubProcess_Verifikasi"]["label"] == "Selesai tepat waktu"
    assert all(v["state"] in {"on_time", "due_soon", "breached", "met", "late"} for v in data["sla"].values())


def test_comments_are_added_and_an_empty_one_is_refused_next_to_the_field(browser: Browser,
                                                                          sample: SampleCase) -> None:
    case = sample.instance_id
    browser.signed_in_as("staf.binamarga")
    empty = browser.post(f"/kasus/{case}/komentar", {"komentar": "   "}, page=f"/kasus/{case}")
    html = empty.get_data(as_text=True)
    assert empty.status_code == 400 and 'id="komentar-galat"' in html and "Komentar kosong" in html
    assert 'aria-describedby="komentar-petunjuk komentar-galat"' in html and 'aria-invalid="true"' in html
    done = browser.post(f"/kasus/{case}/komentar", {"komentar": "Tambalan sudah dikerjakan <b>hari ini</b>."},
                        page=f"/kasus/{case}")
    assert (done.status_code, done.location) == (303, f"/kasus/{case}#komentar")
    html = page_of(browser, case)
    assert "Komentar ditambahkan." in html
    assert "Tambalan sudah dikerjakan &lt;b&gt;hari ini&lt;/b&gt;." in html and "Andi Saputra, S.T." in html
    assert "menambahkan komentar" in html                                   # and in the timeline
    assert browser.lintas.comments.listing(case, as_user="auditor")[-1].author == "staf.binamarga"
    no_token = browser.client.post(f"/kasus/{case}/komentar", data={"komentar": "tanpa token"})
    assert no_token.status_code == 400
    assert len(browser.lintas.comments.listing(case, as_user="auditor")) == 1


def test_supervisors_and_auditors_read_it_other_opds_do_not(browser: Browser, sample: SampleCase) -> None:
    case = sample.instance_id
    assert "Anda membaca kasus ini sebagai auditor." in page_of(browser.signed_in_as("auditor"), case)
    assert "sebagai supervisor unit" in page_of(browser.signed_in_as("kabid.ciptakarya"), case)
    browser.signed_in_as("loket.dishub")                       # a clerk of another OPD
    for path in (f"/kasus/{case}", f"/kasus/{case}/bpmn", f"/kasus/{case}/status.json", f"/kasus/{case}/riwayat"):
        refused = browser.get(path)
        assert refused.status_code == 403, path
        assert "Berita Acara" not in refused.get_data(as_text=True)
    refused = browser.post(f"/kasus/{case}/komentar", {"komentar": "boleh?"}, page="/kotak-masuk")
    assert refused.status_code == 403
    assert browser.get("/kasus/999999").status_code == 404
    anonymous = Browser(browser.lintas)
    assert anonymous.get(f"/kasus/{case}").status_code == 303


def test_the_full_history_pages_through_the_audit_trail(browser: Browser, sample: SampleCase,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import web.instances

    case = sample.instance_id
    trail = browser.lintas.cases.timeline(case, as_user="auditor")
    assert len(trail) > 5
    monkeypatch.setattr(web.instances, "HISTORY_PAGE", 5)
    monkeypatch.setattr("engine.services.case_view.TIMELINE_PAGE", 5)
    reader = browser.signed_in_as("auditor")
    assert "Lihat riwayat lengkap" in page_of(reader, case)        # the case page shows the latest 5 only
    seen: list[int] = []
    path: str | None = f"/kasus/{case}/riwayat"
    while path:
        html = reader.text(path)
        seen += [int(n) for n in re.findall(r'class="timeline__entry[^"]*" data-kind="[a-z]+" value="(\d+)"', html)]
        found = re.search(r'href="(/kasus/\d+/riwayat\?dari=\d+)"', html)
        path = found.group(1) if found else None
    assert seen == [entry.seq for entry in trail]                   # every entry once, in order
    assert trail[0].text_id in reader.text(f"/kasus/{case}/riwayat")
    assert "Tidak ada entri setelah ini." in reader.text(f"/kasus/{case}/riwayat?dari={trail[-1].seq}")
    assert reader.get(f"/kasus/{case}/riwayat?dari=-4").status_code == 200     # clamped to the start
