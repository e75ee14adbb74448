"""deploy/nginx/newsroom.conf running on loopback in front of the Varnish and app of `stack`:
HTTPS for the site's name only, HTTP sent to HTTPS, PURGE refused at the edge, body sizes.

Skips without nginx (or varnishd), fails under CI=true.
"""

import subprocess

import httpx
import pytest

from tests.deploy.tools import free_port, nginx_conf, stop, tool, wait_until
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOST = "baokontum.vn"


@pytest.fixture(scope="module")
def edge(stack, tmp_path_factory):
    """nginx on two free loopback ports; `get`/`post` speak HTTPS to it as baokontum.vn."""
    nginx = tool("nginx", "nginx-light")
    folder = tmp_path_factory.mktemp("nginx")
    ports = {"http": free_port(), "https": free_port(), "varnish": stack.varnish.rsplit(":")[-1]}
    conf = nginx_conf(folder, ports)
    log = folder / "logs" / "error.log"
    process = subprocess.Popen(
        [nginx, "-p", str(folder), "-c", str(conf), "-e", str(log), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    edge = Edge(ports)
    try:
        wait_until(lambda: edge.get("/robots.txt").status_code == 200, 20, "nginx", process, log)
        yield edge
    finally:
        stop(process)


class Edge:
    def __init__(self, ports):
        self.ports = ports
        self.http = f"http://127.0.0.1:{ports['http']}"
        self.https = f"https://127.0.0.1:{ports['https']}"
        # A browser asking for baokontum.vn (SNI and Host) at the loopback address.
        self.client = httpx.Client(verify=False, timeout=10)

    def request(self, method, path, host=HOST, **kwargs):
        headers = {"Host": host, **kwargs.pop("headers", {})}
        extensions = {"sni_hostname": host}
        return self.client.request(
            method, self.https + path, headers=headers, extensions=extensions, **kwargs
        )

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def test_pages_come_through_varnish_over_https(site, edge):
    story = ArticleFactory(title="Tin qua nginx")
    site.settled()
    url = story.get_absolute_url()
    direct = site.reader()
    direct.get(url)
    assert direct.get(url).headers["X-Cache"] == "HIT"

    # nginx says https: Varnish keeps that copy apart from the one asked without it.
    first, second = edge.get(url), edge.get(url)
    assert (first.status_code, first.headers["X-Cache"]) == (200, "MISS")
    assert second.headers["X-Cache"] == "HIT"
    assert "Tin qua nginx" in second.text


def test_plain_http_is_sent_to_https(edge):
    answer = httpx.get(f"{edge.http}/bai-viet/mot-bai/?trang=2", headers={"Host": HOST})
    assert answer.status_code == 301
    assert answer.headers["Location"] == "https://baokontum.vn/bai-viet/mot-bai/?trang=2"
    www = edge.get("/tim-kiem/", host="www.baokontum.vn")
    assert (www.status_code, www.headers["Location"]) == (301, "https://baokontum.vn/tim-kiem/")


def test_other_names_get_no_answer(edge):
    stranger = Edge(edge.ports)  # a connection of its own
    with pytest.raises(httpx.ConnectError, match=r"(?i)unrecognized name"):
        stranger.get("/", host="attacker.example")
    with pytest.raises(httpx.RemoteProtocolError):  # 444: the connection is closed
        httpx.get(f"{edge.http}/", headers={"Host": "attacker.example"})
    # Over a connection opened for the site, another Host gets nothing either.
    edge.get("/robots.txt")
    with pytest.raises(httpx.RemoteProtocolError):
        edge.get("/", host="attacker.example")


def test_purges_are_refused_at_the_edge(site, edge):
    story = ArticleFactory(title="Không ai ngoài máy chủ xóa được")
    site.settled()
    url = story.get_absolute_url()
    edge.get(url)
    assert edge.get(url).headers["X-Cache"] == "HIT"

    for method in ("PURGE", "BAN", "purge"):
        answer = edge.request(method, "/", headers={"xkey": f"story-{story.pk} all"})
        assert answer.status_code == 405, method
    assert edge.get(url).headers["X-Cache"] == "HIT"


def test_readers_may_send_a_little_the_admin_much_more(edge):
    big = b"x" * (2 * 1024 * 1024)
    reader = edge.request("POST", "/bai-viet/mot-bai/binh-luan/", content=big)
    admin = edge.request("POST", "/admin/login/", content=big)
    assert reader.status_code == 413
    assert admin.status_code != 413
    assert admin.headers["X-Cache"] == "PASS"
