"""A headless Chromium driven over the DevTools protocol: open pages, fill and submit
their forms as a person would (the pages need no JavaScript; the protocol only stands in
for the person's hands), read what they show."""
import json
import shutil
import subprocess
import time
import urllib.request


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("chromium not found: apt-get install chromium")


class Browser:
    def __init__(self, port: int = 19223):
        import websocket
        self.process = subprocess.Popen([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                         f"--remote-debugging-port={port}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        targets = []
        for _ in range(150):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=1))
                if any(target["type"] == "page" for target in targets):
                    break
            except OSError:
                pass
            time.sleep(0.1)
        page = next(target for target in targets if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0
        self.events = []
        self.call("Page.enable")
        self.call("Network.enable")

    def call(self, method: str, **params):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_load(self, timeout: float = 30) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(event.get("method") == "Page.loadEventFired" for event in self.events):
                self.events.clear()
                return
            self.socket.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.socket.recv()))
        raise TimeoutError("the page did not load")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def open(self, url: str) -> str:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_load()
        return self.text()

    def text(self) -> str:
        return self.evaluate("document.body.innerText")

    def url(self) -> str:
        return self.evaluate("location.href")

    def fill(self, fields: dict, form: str = "form.checker") -> None:
        """Types into the named fields of the first form matching `form` that has them."""
        for name, value in fields.items():
            ok = self.evaluate(f"""(() => {{
                for (const form of document.querySelectorAll({json.dumps(form)})) {{
                    const field = form.querySelector('[name=' + {json.dumps(json.dumps(name))} + ']');
                    if (field) {{ field.value = {json.dumps(value)}; return true; }}
                }}
                return false; }})()""")
            if not ok:
                raise RuntimeError(f"no field {name} on {self.url()}")

    def press(self, label: str) -> str:
        """Clicks the button whose words are `label` and waits for the next page."""
        self.events.clear()
        ok = self.evaluate(f"""(() => {{
            const button = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === {json.dumps(label)});
            if (!button) return false;
            button.click(); return true; }})()""")
        if not ok:
            raise RuntimeError(f"no button «{label}» on {self.url()}")
        self.wait_load()
        return self.text()

    def attach(self, name: str, filename: str, content: str, kind: str = "application/pdf") -> None:
        """Puts a file made of `content` into the file field `name`, as choosing one would."""
        ok = self.evaluate(f"""(() => {{
            const field = document.querySelector('input[type=file][name=' + {json.dumps(json.dumps(name))} + ']');
            if (!field) return false;
            const files = new DataTransfer();
            files.items.add(new File([{json.dumps(content)}], {json.dumps(filename)}, {{type: {json.dumps(kind)}}}));
            field.files = files.files; return true; }})()""")
        if not ok:
            raise RuntimeError(f"no file field {name} on {self.url()}")

    def width(self) -> int:
        return self.evaluate("document.documentElement.scrollWidth")

    def screen(self, width: int, height: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)

    def screenshot(self, path: str) -> None:
        import base64
        metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": metrics["width"], "height": min(metrics["height"], 2400), "scale": 1})
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))

    def pdf(self, path: str) -> None:
        """Prints the page to an A4 PDF, as the browser's 打印 → 另存为 PDF would."""
        import base64
        printed = self.call("Page.printToPDF", paperWidth=8.27, paperHeight=11.69, printBackground=False, preferCSSPageSize=True)
        with open(path, "wb") as file:
            file.write(base64.b64decode(printed["data"]))

    def cookies(self) -> dict:
        return {cookie["name"]: cookie["value"] for cookie in self.call("Network.getCookies")["cookies"]}

    def forget_cookies(self) -> None:
        self.call("Network.clearBrowserCookies")

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
