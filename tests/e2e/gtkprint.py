"""Prints an HTML file through WebKitGTK's own print operation (what the app's print dialog
runs) to a PDF file, on A4 paper, with the page margins GTK starts the dialog with or none:

    /usr/bin/python3 gtkprint.py PAGE.html OUT.pdf default|zero

The print test writes the pages the app would print, with the app's print rules, and counts
the sheets that come out. Needs python3-gi and gir1.2-webkit2-4.1 (scripts/setup.sh --e2e)."""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

source, out, margins = sys.argv[1:4]
window = Gtk.OffscreenWindow()
view = WebKit2.WebView()
window.add(view)
window.show_all()
failed = []


def print_page():
    op = WebKit2.PrintOperation.new(view)
    settings = Gtk.PrintSettings()
    settings.set_printer("Print to File")
    settings.set(Gtk.PRINT_SETTINGS_OUTPUT_URI, "file://" + out)
    settings.set(Gtk.PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf")
    op.set_print_settings(settings)
    setup = Gtk.PageSetup()
    setup.set_paper_size(Gtk.PaperSize.new(Gtk.PAPER_NAME_A4))
    if margins == "zero":
        for side in ("top", "bottom", "left", "right"):
            getattr(setup, f"set_{side}_margin")(0, Gtk.Unit.MM)
    op.set_page_setup(setup)
    op.connect("finished", lambda *_: Gtk.main_quit())
    op.connect("failed", lambda _op, e: (failed.append(str(e)), Gtk.main_quit()))
    op.print_()
    return False


def loaded(_view, event):
    # The pictures are decoded before printing (they are data: addresses, there is no network).
    if event == WebKit2.LoadEvent.FINISHED:
        GLib.timeout_add(500, print_page)


def timed_out():
    failed.append("nothing printed in 60 s")
    Gtk.main_quit()


view.connect("load-changed", loaded)
view.load_uri("file://" + source)
GLib.timeout_add(60000, timed_out)
Gtk.main()
if failed:
    sys.exit(f"gtkprint: {failed[0]}")
