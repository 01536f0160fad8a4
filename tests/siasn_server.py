"""A SIASN-shaped HTTP server on loopback, for testing the SIASN client without reaching BKN.

One real HTTP server (stdlib ``ThreadingHTTPServer`` in a thread, 127.0.0.1, free port) answers the three hosts of
SIASN under one address: the WSO2 gateway token (``/oauth2/token``), the SSO (Keycloak) token and the API under
``/apisiasn/1.0``. Every request is checked against ``app/siasn/kontrak.json`` with ``app.siasn.kontrak.periksa``.

    with ServerSiasn() as server:                     # or the ``server_siasn`` fixture below
        server.pns["199001012020121001"] = {"id": "pns-1", "nipBaru": "199001012020121001", "nama": "..."}
        server.rw_jabatan["199001012020121001"] = [{...}]
        server.unor = [{"Id": "u1", "NamaUnor": "...", "DiatasanId": None}]
        klien = Klien(**server.konfigurasi())         # URLs and the credentials the server accepts
        server.gagal_berikutnya("/skp22/save", "500", n=2)
        ...
        server.skp22                                  # {id: stored body}; server.kinerjaperiodik likewise
        server.dokumen                                # {dok_uri: uploaded document (id_ref, nama, jenis, isi)}
        server.permintaan("/skp22/save")              # logged requests (secrets masked)
        server.kedaluwarsa()                          # every issued token expires now

Failure kinds for ``gagal_berikutnya``: ``timeout`` (hold the request for ``tunda_timeout`` seconds, then close
without an answer), ``timeout_setelah_simpan`` (the same, after the request was processed and stored: the ambiguous
case an idempotent client must survive), ``500``, ``401``, ``400`` (with ``pesan``) and ``ditolak`` (HTTP 200 with
``code`` 0 / ``success`` false, as SIASN answers a business refusal).
"""

from __future__ import annotations

import base64
import copy
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from app.siasn import kontrak

PREFIX_API = "/apisiasn/1.0"
JALUR_WSO = kontrak.jalur("token_wso")
JALUR_SSO = kontrak.jalur("token_sso")
JENIS_GAGAL = ("timeout", "timeout_setelah_simpan", "500", "401", "400", "ditolak")
DISENSOR = "<disensor>"
_HEADER_RAHASIA = {"authorization", "auth", "cookie"}
_FORM_RAHASIA = {"password", "client_secret"}
# save path → (contract endpoint, ServerSiasn attribute holding its records, key of the record id in mapData)
_SIMPAN = {
    kontrak.jalur(nama): (nama, atribut, kontrak.endpoint(nama)["id_respons"].split(".")[-1])
    for nama, atribut in (("skp22_save", "skp22"), ("kinerjaperiodik_save", "kinerjaperiodik"))
}


@dataclass
class Permintaan:
    """One logged request. ``badan`` is the decoded JSON or form (secrets masked), ``status`` None if unanswered."""

    metode: str
    path: str
    query: dict[str, list[str]]
    header: dict[str, str]
    badan: Any
    status: int | None = None
    galat: list[str] = field(default_factory=list)


@dataclass
class _Gagal:
    path: str
    jenis: str
    sisa: int
    pesan: str | None


def galat_siasn(pesan: str) -> dict[str, str]:
    """SIASN's error body (read by public clients through the ``Error``/``Message`` keys)."""
    return {"Error": "true", "Message": pesan}


def berhasil_siasn(**isi: Any) -> dict[str, Any]:
    return {"code": 1, "success": True, "message": "success", **isi}


def _tanpa_prefix(path: str) -> str:
    """An API path relative to ``/apisiasn/1.0`` (other paths, such as the token ones, unchanged)."""
    if path == PREFIX_API or path.startswith(PREFIX_API + "/"):
        return path[len(PREFIX_API) :] or "/"
    return path


def _cocok(target: str, path: str) -> bool:
    if target == "*":
        return True
    target, path = _tanpa_prefix(target).rstrip("/"), _tanpa_prefix(path).rstrip("/")
    return path == target or path.startswith(target + "/")


class ServerSiasn:
    """The test server; see the module docstring. Start/stop explicitly or use it as a context manager."""

    def __init__(
        self,
        *,
        consumer_key: str = "kunci-wso-uji",
        consumer_secret: str = "rahasia-wso-uji",
        client_id: str = "kinerja-asn-uji",
        username: str = "operator-siasn-uji",
        password: str = "sandi-siasn-uji",
        umur_token: int = 3600,
        tunda_timeout: float = 5.0,
    ) -> None:
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.client_id, self.username, self.password = client_id, username, password
        self.umur_token = umur_token
        self.tunda_timeout = tunda_timeout
        self.pns: dict[str, dict[str, Any]] = {}
        self.rw_jabatan: dict[str, list[dict[str, Any]]] = {}
        self.unor: list[dict[str, Any]] = []
        self.skp22: dict[str, dict[str, Any]] = {}
        self.kinerjaperiodik: dict[str, dict[str, Any]] = {}
        self.dokumen: dict[str, dict[str, Any]] = {}
        self.log: list[Permintaan] = []
        self._token: dict[str, tuple[str, float]] = {}  # token → (wso|sso, monotonic expiry)
        self._gagal: list[_Gagal] = []
        self._kunci = threading.RLock()
        self._berhenti = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._utas: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> ServerSiasn:
        if self._httpd is not None:
            return self
        self._berhenti.clear()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Penangan)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # a request held by a "timeout" failure must not delay stop()
        httpd.siasn = self  # type: ignore[attr-defined]
        self._httpd = httpd
        # short poll: shutdown() waits for the next poll, and every test stops a server
        self._utas = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="server-siasn-uji", daemon=True
        )
        self._utas.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._berhenti.set()  # wakes requests sleeping in a "timeout" failure
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._utas is not None:
            self._utas.join()
        self._httpd = self._utas = None

    def __enter__(self) -> ServerSiasn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses and credentials -----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server SIASN uji belum berjalan")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url_api(self) -> str:
        return self.url + PREFIX_API

    @property
    def url_wso(self) -> str:
        return self.url

    @property
    def url_sso(self) -> str:
        return self.url

    def konfigurasi(self) -> dict[str, str]:
        """Base URLs (as in kontrak.json ``basis``) and the credentials this server accepts."""
        return {
            "url_api": self.url_api,
            "url_wso": self.url_wso,
            "url_sso": self.url_sso,
            "consumer_key": self.consumer_key,
            "consumer_secret": self.consumer_secret,
            "client_id": self.client_id,
            "username": self.username,
            "password": self.password,
        }

    # -- test controls ---------------------------------------------------------------------------------------
    def kedaluwarsa(self) -> None:
        """Every token issued so far expires now (new tokens can still be requested)."""
        with self._kunci:
            self._token = {t: (jenis, float("-inf")) for t, (jenis, _) in self._token.items()}

    def gagal_berikutnya(self, path: str, jenis: str, n: int = 1, pesan: str | None = None) -> None:
        """The next ``n`` requests whose path is ``path`` (API paths with or without ``/apisiasn/1.0``, a prefix
        such as ``/pns/data-utama`` covers every NIP, ``*`` covers everything) fail as ``jenis``."""
        if jenis not in JENIS_GAGAL:
            raise ValueError(f"jenis kegagalan tidak dikenal: {jenis!r} (pilih dari {', '.join(JENIS_GAGAL)})")
        if n < 1:
            raise ValueError("n minimal 1")
        with self._kunci:
            self._gagal.append(_Gagal(path, jenis, n, pesan))

    def permintaan(self, path: str | None = None, metode: str | None = None) -> list[Permintaan]:
        """Logged requests, optionally only those matching ``path`` (as in ``gagal_berikutnya``) and ``metode``."""
        with self._kunci:
            return [
                p
                for p in self.log
                if (path is None or _cocok(path, p.path)) and (metode is None or p.metode == metode.upper())
            ]

    # -- internals used by the handler -------------------------------------------------------------------------
    def _ambil_gagal(self, path: str) -> _Gagal | None:
        with self._kunci:
            for g in self._gagal:
                if _cocok(g.path, path):
                    g.sisa -= 1
                    if not g.sisa:
                        self._gagal.remove(g)
                    return g
        return None

    def _terbitkan(self, jenis: str) -> dict[str, Any]:
        token = f"{jenis}-{secrets.token_urlsafe(16)}"
        with self._kunci:
            self._token[token] = (jenis, time.monotonic() + self.umur_token)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.umur_token}

    def _token_sah(self, token: str, jenis: str) -> bool:
        with self._kunci:
            ada = self._token.get(token)
        return ada is not None and ada[0] == jenis and time.monotonic() < ada[1]

    def _unggah(self, badan: dict[str, Any], isi: bytes) -> tuple[int, dict[str, Any]]:
        dok_id = str(uuid.uuid4())
        nama = badan["file"]["nama"]
        uri = f"peremajaan/usulan/{dok_id}_{nama}"
        with self._kunci:
            self.dokumen[uri] = {"id_ref": badan["id_ref_dokumen"], "nama": nama, "jenis": badan["file"]["jenis"],
                                 "isi": isi}  # fmt: skip
        data = {"dok_id": dok_id, "dok_nama": nama, "dok_uri": uri, "object": uri, "slug": badan["id_ref_dokumen"]}
        return 200, berhasil_siasn(data=data)

    def _simpan(self, jalur_api: str, badan: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        _, atribut, kunci_id = _SIMPAN[jalur_api]
        with self._kunci:
            for dok in badan.get("path") or []:  # a document must have been uploaded first (upload-dok)
                if dok.get("dok_uri") not in self.dokumen:
                    return 400, galat_siasn(f"Dokumen {dok.get('dok_uri')} tidak ditemukan")
            rekaman: dict[str, dict[str, Any]] = getattr(self, atribut)
            id_ = badan.get("id")
            if id_ and id_ not in rekaman:
                return 400, galat_siasn(f"Data riwayat dengan id {id_} tidak ditemukan")
            id_ = id_ or str(uuid.uuid4())
            rekaman[id_] = {**copy.deepcopy(badan), "id": id_}
        return 200, berhasil_siasn(mapData={kunci_id: id_})


def _sensor_header(header: dict[str, str]) -> dict[str, str]:
    hasil = {}
    for k, v in header.items():
        if k.lower() in _HEADER_RAHASIA:
            skema = v.split(" ", 1)[0] if " " in v else ""
            hasil[k] = f"{skema} {DISENSOR}".strip()
        else:
            hasil[k] = v
    return hasil


class _Penangan(BaseHTTPRequestHandler):
    server_version = "SiasnUji/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # the request log is ServerSiasn.log

    @property
    def siasn(self) -> ServerSiasn:
        return self.server.siasn  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._layani()

    def do_POST(self) -> None:
        self._layani()

    def do_PUT(self) -> None:
        self._layani()

    def do_DELETE(self) -> None:
        self._layani()

    # -- request flow -----------------------------------------------------------------------------------------
    def _layani(self) -> None:
        bagian = urlsplit(self.path)
        panjang = int(self.headers.get("Content-Length") or 0)
        mentah = self.rfile.read(panjang) if panjang else b""
        badan, galat_badan = self._urai(mentah)
        catatan = Permintaan(
            metode=self.command,
            path=bagian.path,
            query=parse_qs(bagian.query),
            header=_sensor_header(dict(self.headers.items())),
            badan=self._sensor_badan(badan),
        )
        with self.siasn._kunci:
            self.siasn.log.append(catatan)
        gagal = self.siasn._ambil_gagal(bagian.path)
        if gagal is not None and gagal.jenis != "timeout_setelah_simpan":
            self._gagal(catatan, gagal)
            return
        status, isi = self._jawab(bagian.path, badan, galat_badan, catatan)
        if gagal is not None:  # timeout_setelah_simpan: processed (and stored), but the answer never arrives
            self._tahan()
            return
        self._kirim(catatan, status, isi)

    def _urai(self, mentah: bytes) -> tuple[Any, str | None]:
        if not mentah:
            return None, None
        jenis = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if jenis == "multipart/form-data":
            return self._urai_multipart(mentah), None
        teks = mentah.decode("utf-8", errors="replace")
        if jenis == "application/x-www-form-urlencoded":
            return {k: v[-1] for k, v in parse_qs(teks, keep_blank_values=True).items()}, None
        try:
            return json.loads(teks), None
        except ValueError:
            return teks, "Badan permintaan bukan JSON yang sah."

    def _urai_multipart(self, mentah: bytes) -> dict[str, Any]:
        """Form fields as strings; a file part as {nama, jenis, ukuran} (its bytes kept in ``self.isi_berkas``)."""
        kepala = f"Content-Type: {self.headers.get('Content-Type')}\r\n\r\n".encode()
        pesan = BytesParser(policy=HTTP).parsebytes(kepala + mentah)
        hasil: dict[str, Any] = {}
        self.isi_berkas = b""
        for bagian in pesan.iter_parts():
            nama = bagian.get_param("name", header="content-disposition")
            isi = bagian.get_payload(decode=True) or b""
            if bagian.get_filename() is not None:
                hasil[nama] = {"nama": bagian.get_filename(), "jenis": bagian.get_content_type(), "ukuran": len(isi)}
                self.isi_berkas = isi
            else:
                hasil[nama] = isi.decode("utf-8", errors="replace")
        return hasil

    @staticmethod
    def _sensor_badan(badan: Any) -> Any:
        if isinstance(badan, dict):
            return {k: (DISENSOR if k in _FORM_RAHASIA else copy.deepcopy(v)) for k, v in badan.items()}
        return badan

    def _gagal(self, catatan: Permintaan, gagal: _Gagal) -> None:
        if gagal.jenis == "timeout":
            self._tahan()
        elif gagal.jenis == "ditolak":
            self._kirim(catatan, 200, {"code": 0, "success": False, "message": gagal.pesan or "Data ditolak SIASN"})
        else:
            bawaan = {"500": "Internal Server Error", "401": "Token tidak sah", "400": "Permintaan tidak valid"}
            self._kirim(catatan, int(gagal.jenis), galat_siasn(gagal.pesan or bawaan[gagal.jenis]))

    def _tahan(self) -> None:
        """Hold the request longer than the client waits, then close the connection without an answer."""
        self.siasn._berhenti.wait(self.siasn.tunda_timeout)
        self.close_connection = True

    def _kirim(self, catatan: Permintaan, status: int, isi: dict[str, Any]) -> None:
        data = json.dumps(isi).encode("utf-8")
        catatan.status = status
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its own timeout)
            self.close_connection = True

    # -- routing --------------------------------------------------------------------------------------------
    def _jawab(self, path: str, badan: Any, galat_badan: str | None, catatan: Permintaan) -> tuple[int, dict]:
        if path == JALUR_WSO:
            return self._token_wso(badan, catatan) if self.command == "POST" else (405, galat_siasn("Method"))
        if path == JALUR_SSO:
            return self._token_sso(badan, catatan) if self.command == "POST" else (405, galat_siasn("Method"))
        if not (path.startswith(PREFIX_API + "/")):
            return 404, galat_siasn(f"Alamat tidak dikenal: {path}")
        galat_auth = self._periksa_token()
        if galat_auth:
            catatan.galat = [galat_auth]
            return 401, galat_siasn(galat_auth)
        jalur_api = _tanpa_prefix(path)
        if jalur_api == kontrak.jalur("upload_dok") and self.command == "POST":
            galat = kontrak.periksa("upload_dok", badan if isinstance(badan, dict) else {})
            if galat:
                catatan.galat = galat
                return 400, galat_siasn("Dokumen tidak valid: " + " ".join(galat))
            return self.siasn._unggah(badan, getattr(self, "isi_berkas", b""))
        if jalur_api in _SIMPAN:
            if self.command != "POST":
                return 405, galat_siasn(f"Metode {self.command} tidak diizinkan untuk {jalur_api}")
            if galat_badan:
                catatan.galat = [galat_badan]
                return 400, galat_siasn(galat_badan)
            return self._simpan(jalur_api, badan, catatan)
        if self.command != "GET":
            return 405, galat_siasn(f"Metode {self.command} tidak diizinkan untuk {jalur_api}")
        return self._baca(jalur_api, catatan)

    def _token_wso(self, badan: Any, catatan: Permintaan) -> tuple[int, dict]:
        galat = kontrak.periksa("token_wso", badan if badan is not None else {})
        if galat:
            catatan.galat = galat
            return 400, {"error": "invalid_request", "error_description": " ".join(galat)}
        skema, _, isi = (self.headers.get("Authorization") or "").partition(" ")
        try:
            kunci, _, rahasia = base64.b64decode(isi, validate=True).decode("utf-8").partition(":")
        except ValueError:
            kunci = rahasia = ""
        if skema.lower() != "basic" or (kunci, rahasia) != (self.siasn.consumer_key, self.siasn.consumer_secret):
            catatan.galat = ["kredensial klien salah"]
            return 401, {"error": "invalid_client", "error_description": "Client Authentication failed."}
        return 200, self.siasn._terbitkan("wso")

    def _token_sso(self, badan: Any, catatan: Permintaan) -> tuple[int, dict]:
        galat = kontrak.periksa("token_sso", badan if badan is not None else {})
        if galat:
            catatan.galat = galat
            return 400, {"error": "invalid_request", "error_description": " ".join(galat)}
        s = self.siasn
        if badan["client_id"] != s.client_id:
            catatan.galat = ["client_id salah"]
            return 401, {"error": "invalid_client", "error_description": "Invalid client credentials"}
        if (badan["username"], badan["password"]) != (s.username, s.password):
            catatan.galat = ["username/password salah"]
            return 401, {"error": "invalid_grant", "error_description": "Invalid user credentials"}
        token = s._terbitkan("sso")
        return 200, {**token, "refresh_expires_in": 0, "scope": "profile email"}

    def _periksa_token(self) -> str | None:
        """The 401 message if the WSO (``Authorization: Bearer``) or SSO (``Auth: bearer``) token is not valid."""
        for header, jenis in (("Authorization", "wso"), ("Auth", "sso")):
            skema, _, token = (self.headers.get(header) or "").strip().partition(" ")
            if not token:
                return f"Header {header} tidak ada atau tanpa token"
            if skema.lower() != "bearer":
                return f"Header {header} harus berskema bearer"
            if not self.siasn._token_sah(token.strip(), jenis):
                return f"Token {jenis.upper()} tidak sah atau kedaluwarsa"
        return None

    def _simpan(self, jalur_api: str, badan: Any, catatan: Permintaan) -> tuple[int, dict]:
        galat = kontrak.periksa(_SIMPAN[jalur_api][0], badan)
        if galat:
            catatan.galat = galat
            return 400, galat_siasn("Data tidak valid: " + " ".join(galat))
        return self.siasn._simpan(jalur_api, badan)

    def _baca(self, jalur_api: str, catatan: Permintaan) -> tuple[int, dict]:
        s = self.siasn
        if jalur_api == kontrak.jalur("ref_unor"):
            with s._kunci:
                return 200, berhasil_siasn(data=copy.deepcopy(s.unor))
        for nama in ("data_utama", "rw_jabatan", "rw_skp22", "rw_kinerjaperiodik"):
            awalan = kontrak.jalur(nama, nipBaru="")
            if jalur_api.startswith(awalan) and "/" not in jalur_api[len(awalan) :]:
                nip = jalur_api[len(awalan) :]
                galat = kontrak.periksa(nama, {"nipBaru": nip})
                if galat:
                    catatan.galat = galat
                    return 400, galat_siasn(" ".join(galat))
                with s._kunci:
                    if nip not in s.pns:
                        return 404, galat_siasn(f"Data PNS dengan NIP {nip} tidak ditemukan")
                    if nama == "data_utama":
                        data = s.pns[nip]
                    elif nama == "rw_jabatan":
                        data = s.rw_jabatan.get(nip, [])
                    else:  # the records saved for this PNS (matched by its SIASN id, as the payload names it)
                        orang, simpan = s.pns[nip].get("id"), s.skp22 if nama == "rw_skp22" else s.kinerjaperiodik
                        medan = "pnsDinilaiOrang" if nama == "rw_skp22" else "pnsDinilaiId"
                        data = [{**b, "id": i} for i, b in simpan.items() if b.get(medan) == orang]
                    return 200, berhasil_siasn(data=copy.deepcopy(data))
        return 404, galat_siasn(f"Alamat tidak dikenal: {PREFIX_API}{jalur_api}")


@pytest.fixture
def server_siasn():
    """A running ServerSiasn for one test (import this fixture into a conftest.py to use it)."""
    with ServerSiasn() as server:
        yield server
