"""free_threaded_imports.py: reports, per module, whether importing it leaves the GIL on or off.

The page "Free-threaded Python" claims that on a regular (GIL) build the GIL is always on, that the
script runs on CPython 3.6-3.13, that it checks each module in a fresh interpreter, and that it names the import that re-enables the
GIL on a free-threaded build. No free-threaded build is installed here, so that last verdict is
checked through describe(); the GIL-build behaviour is checked on every pyenv version available.
"""
import importlib.util

from _testing import example_path, run_example, unittest, versions_available


def lines(stdout):
    return dict(line.split(": ", 1) for line in stdout.splitlines() if not line.startswith(" "))


def load_example():
    spec = importlib.util.spec_from_file_location("free_threaded_imports", example_path("free_threaded_imports.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class VerdictTest(unittest.TestCase):
    def test_describe(self):
        describe = load_example().describe
        self.assertEqual(describe("off", "on"), "GIL re-enabled by this import")
        self.assertEqual(describe("off", "off"), "GIL off")
        self.assertEqual(describe("on", "on"), "GIL on")
        self.assertEqual(describe("off", "import failed (X: y)"), "import failed (X: y)")


class GilBuildTest(unittest.TestCase):
    def check(self, python=None):
        out = lines(run_example("free_threaded_imports.py", "zlib", "no_such_module_here", python=python).stdout)
        if out["free-threaded build"] == "True":
            self.skipTest("free-threaded interpreter: results depend on the installed modules")
        self.assertEqual(out["GIL at start-up"], "on")
        self.assertEqual(out["zlib"], "GIL on")
        self.assertTrue(out["no_such_module_here"].startswith("import failed (ModuleNotFoundError"))
        return out

    def test_current_python_with_defaults(self):
        out = lines(run_example("free_threaded_imports.py").stdout)
        for name in ("decimal", "hashlib", "json", "zlib"):
            self.assertIn(name, out)

    def test_versions(self):
        found, missing = versions_available(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        if not found:
            self.skipTest("no pyenv CPython builds found")
        for version, python in sorted(found.items()):
            with self.subTest(version=version):
                out = self.check(python)
                self.assertTrue(out["python"].startswith(version + "."))
                self.assertEqual(out["free-threaded build"], "False")


if __name__ == "__main__":
    unittest.main()
