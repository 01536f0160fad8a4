"""SIASN web service client: two tokens, one request function, errors sorted by what to do next.

Every API call carries the WSO2 gateway token (client credentials of the consumer key/secret) as
``Authorization: Bearer`` and the SSO token (password grant of an operator account for the client id) as
``Auth: bearer`` — as the public clients (kanekescom/laravel-siasn-simpeg-api, black-coffee04/ws-siasn-php) do.
Tokens are kept per process until shortly before they expire; a 401 refreshes both once and repeats the call.

``GalatSiasn.sementara``: a timeout, a connection error or a 5xx — try again later; otherwise (4xx, a refused
body) the message is SIASN's own, shown to the operator, and not retried. Secrets come only from the
environment (config ``SIASN_*``) and never appear in messages, logs or the audit trail.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import requests

JALUR_SIMPAN = {"skp22": "/skp22/save", "kinerjaperiodik": "/kinerjaperiodik/save"}
JALUR_UNGGAH = "/upload-dok"
JALUR_RIWAYAT = {"skp22": "/pns/rw-skp22/{nip}", "kinerjaperiodik": "/pns/rw-kinerjaperiodik/{nip}"}
KUNCI_ID = ("rwSkpId", "rwKinerjaPeriodikId", "id")  # skp22/save, kinerjaperiodik/save (kontrak.json)


class GalatSiasn(Exception):
    """``str(e)`` is Indonesian and free of secrets; ``kode`` the HTTP status (None: no answer)."""

    def __init__(self, pesan: str, kode: int | None = None, sementara: bool = False):
        super().__init__(pesan)
        self.kode, self.sementara = kode, sementara


@dataclass(frozen=True)
class Pengaturan:
    api: str  # e.g. https://apimws.bkn.go.id:8243/apisiasn/1.0
    wso: str  # e.g. https://apimws.bkn.go.id (POST /oauth2/token)
    sso: str  # e.g. https://sso-siasn.bkn.go.id (Keycloak realm public-siasn)
    consumer_key: str
    consumer_secret: str
    client_id: str
    username: str
    password: str
    timeout: float = 30.0

    def __repr__(self) -> str:  # never print the secrets
        return f"Pengaturan(api={self.api!r}, client_id={self.client_id!r})"


WAJIB = ("SIASN_API_URL", "SIASN_WSO_URL", "SIASN_SSO_URL", "SIASN_CONSUMER_KEY", "SIASN_CONSUMER_SECRET")
WAJIB_SSO = ("SIASN_CLIENT_ID", "SIASN_USERNAME", "SIASN_PASSWORD")


def pengaturan(config) -> Pengaturan | None:
    """The integration is on only when every ``SIASN_*`` setting is present (from the environment)."""
    if not all(config.get(k) for k in WAJIB + WAJIB_SSO):
        return None
    return Pengaturan(
        api=config["SIASN_API_URL"].rstrip("/"),
        wso=config["SIASN_WSO_URL"].rstrip("/"),
        sso=config["SIASN_SSO_URL"].rstrip("/"),
        consumer_key=config["SIASN_CONSUMER_KEY"],
        consumer_secret=config["SIASN_CONSUMER_SECRET"],
        client_id=config["SIASN_CLIENT_ID"],
        username=config["SIASN_USERNAME"],
        password=config["SIASN_PASSWORD"],
        timeout=float(config.get("SIASN_TIMEOUT") or 30),
    )


def _pesan(body: Any, kode: int) -> str:
    """SIASN's own words when it gave some ({"Error","Message"} or {"success": false, "message"})."""
    if isinstance(body, dict):
        for k in ("Message", "message", "error_description", "error"):
            if isinstance(body.get(k), str) and body[k].strip():
                return body[k].strip()[:1000]
    return f"SIASN menolak permintaan (HTTP {kode})."


class Klien:
    def __init__(self, p: Pengaturan, sesi: requests.Session | None = None):
        self.p = p
        self.sesi = sesi or requests.Session()
        self._token: dict[str, tuple[str, float]] = {}

    # --- tokens ------------------------------------------------------------------------------------------
    def _ambil_token(self, jenis: str) -> str:
        ada = self._token.get(jenis)
        if ada and ada[1] > time.monotonic():
            return ada[0]
        if jenis == "wso":
            url, data, auth = (
                f"{self.p.wso}/oauth2/token",
                {"grant_type": "client_credentials"},
                (self.p.consumer_key, self.p.consumer_secret),
            )
        else:
            url = f"{self.p.sso}/auth/realms/public-siasn/protocol/openid-connect/token"
            data = {
                "grant_type": "password",
                "client_id": self.p.client_id,
                "username": self.p.username,
                "password": self.p.password,
            }
            auth = None
        nama = "gateway (WSO2)" if jenis == "wso" else "SSO"
        try:
            r = self.sesi.post(
                url, data=data, auth=auth, timeout=self.p.timeout, headers={"Accept": "application/json"}
            )
        except requests.RequestException:
            raise GalatSiasn(f"Layanan token {nama} SIASN tidak menjawab.", None, sementara=True) from None
        if r.status_code >= 500:
            raise GalatSiasn(f"Layanan token {nama} SIASN bermasalah (HTTP {r.status_code}).", r.status_code, True)
        if r.status_code != 200:
            raise GalatSiasn(
                f"Token {nama} SIASN ditolak (HTTP {r.status_code}): periksa kredensial SIASN_* di lingkungan server.",
                r.status_code,
            )
        body = r.json()
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise GalatSiasn(f"Jawaban layanan token {nama} SIASN tanpa access_token.", r.status_code)
        umur = float(body.get("expires_in") or 300)
        self._token[jenis] = (token, time.monotonic() + max(1.0, umur - 10))
        return token

    def buang_token(self) -> None:
        self._token.clear()

    # --- requests -----------------------------------------------------------------------------------------
    def minta(self, metode: str, jalur: str, json: dict | None = None, **kirim: Any) -> Any:
        """One API call with both tokens; ``kirim`` (``files``/``data``) goes to requests for multipart."""
        for ulang in (False, True):
            kepala = {
                "Authorization": f"Bearer {self._ambil_token('wso')}",
                "Auth": f"bearer {self._ambil_token('sso')}",
                "Accept": "application/json",
            }
            try:
                r = self.sesi.request(
                    metode, f"{self.p.api}{jalur}", json=json, headers=kepala, timeout=self.p.timeout, **kirim
                )
            except requests.Timeout:
                raise GalatSiasn("SIASN tidak menjawab dalam batas waktu.", None, sementara=True) from None
            except requests.RequestException:
                raise GalatSiasn("SIASN tidak dapat dihubungi.", None, sementara=True) from None
            if r.status_code == 401 and not ulang:
                self.buang_token()  # expired or revoked: fresh tokens, once
                continue
            try:
                body = r.json()
            except ValueError:
                body = None
            if r.status_code >= 500:
                raise GalatSiasn(f"SIASN sedang bermasalah (HTTP {r.status_code}).", r.status_code, sementara=True)
            if r.status_code >= 400 or (isinstance(body, dict) and body.get("success") is False):
                raise GalatSiasn(_pesan(body, r.status_code), r.status_code)
            return body
        raise GalatSiasn("Token SIASN ditolak lagi sesudah diperbarui (HTTP 401).", 401)

    def simpan(self, target: str, muatan: dict) -> str:
        """POST a result; returns SIASN's record id (the same id when ``muatan["id"]`` named an existing one)."""
        body = self.minta("POST", JALUR_SIMPAN[target], json=muatan)
        rid = cari_id(body) or muatan.get("id")
        if not rid:
            raise GalatSiasn("SIASN menerima data tetapi tidak mengembalikan id rekamannya.", 200)
        return str(rid)

    def unggah(self, id_ref_dokumen: str, nama: str, isi: bytes, jenis: str) -> dict:
        """POST /upload-dok (multipart ``file`` + ``id_ref_dokumen``); SIASN's ``data``, to be put in ``path[]``."""
        body = self.minta(
            "POST", JALUR_UNGGAH, files={"file": (nama, isi, jenis)}, data={"id_ref_dokumen": id_ref_dokumen}
        )
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not data.get("dok_uri"):
            raise GalatSiasn("SIASN menerima dokumen tetapi tidak mengembalikan alamatnya (dok_uri).", 200)
        return data

    def riwayat(self, target: str, nip: str) -> list[dict]:
        """SIASN's records of one PNS for a target (to find a record whose id we never received)."""
        body = self.minta("GET", JALUR_RIWAYAT[target].format(nip=nip))
        data = body.get("data") if isinstance(body, dict) else body
        return [d for d in (data or []) if isinstance(d, dict)]

    def data_utama(self, nip: str) -> dict:
        body = self.minta("GET", f"/pns/data-utama/{nip}")
        data = body.get("data") if isinstance(body, dict) else None
        return data if isinstance(data, dict) else {}

    def riwayat_jabatan(self, nip: str) -> list[dict]:
        body = self.minta("GET", f"/pns/rw-jabatan/{nip}")
        data = body.get("data") if isinstance(body, dict) else None
        return [d for d in (data or []) if isinstance(d, dict)]

    def ref_unor(self) -> list[dict]:
        body = self.minta("GET", "/referensi/ref-unor")
        data = body.get("data") if isinstance(body, dict) else None
        return [d for d in (data or []) if isinstance(d, dict)]


def cari_id(body: Any) -> str | None:
    for wadah in (body.get("mapData"), body.get("data"), body) if isinstance(body, dict) else ():
        if isinstance(wadah, dict):
            for k in KUNCI_ID:
                if wadah.get(k):
                    return str(wadah[k])
    return None
