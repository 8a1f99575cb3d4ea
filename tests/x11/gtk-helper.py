#!/usr/bin/python3
"""GTK 3 helpers for the X11 paste test (Debian: python3-gi, gir1.2-gtk-3.0).

  gtk-helper.py field <chars> <wm-class>   a window with a focused multi-line text field; prints
                                           "ready <xid>" once mapped and focused, then, once the
                                           field holds <chars> characters, its text as UTF-8 hex
                                           on one line, and exits.
  gtk-helper.py tty-reader <port> <bytes>  run inside a terminal: puts the tty in raw mode, sends
                                           "ready <WINDOWID>" to 127.0.0.1:<port>, then the first
                                           <bytes> bytes the terminal sends, and exits.
  gtk-helper.py hold-clipboard             owns the CLIPBOARD selection with the UTF-8 text read
                                           from stdin (as an app like Electron does); prints
                                           "ready" once it owns it; runs until killed.
"""
import binascii
import os
import socket
import sys
import tty


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def gtk():
    import gi

    gi.require_version("Gtk", "3.0")
    gi.require_version("Gdk", "3.0")
    gi.require_version("GdkX11", "3.0")
    from gi.repository import Gdk, GdkX11, GLib, Gtk  # noqa: F401

    return Gdk, GLib, Gtk


def tty_reader(port, size):
    tty.setraw(0)  # no echo, no CR/LF translation: exactly the bytes the terminal sends
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(("ready %s\n" % os.environ["WINDOWID"]).encode("ascii"))
        received = 0
        while received < size:
            chunk = os.read(0, size - received)
            if not chunk:
                break
            received += len(chunk)
            connection.sendall(chunk)  # as it comes, so a short paste shows what did arrive


def field(chars, wm_class):
    Gdk, GLib, Gtk = gtk()
    GLib.set_prgname(wm_class)
    window = Gtk.Window(title="Cuecard paste target")
    window.set_default_size(600, 400)
    view = Gtk.TextView()
    window.add(view)
    buffer = view.get_buffer()

    def changed(_buffer):
        if buffer.get_char_count() >= chars:
            text = buffer.get_text(buffer.get_start_iter(), buffer.get_end_iter(), True)
            say(binascii.hexlify(text.encode("utf-8")).decode("ascii"))
            Gtk.main_quit()

    def mapped(_widget, _event):
        view.grab_focus()
        say("ready %d" % window.get_window().get_xid())
        return False

    buffer.connect("changed", changed)
    window.connect("map-event", mapped)
    window.connect("destroy", Gtk.main_quit)
    window.show_all()
    Gtk.main()


def hold_clipboard():
    Gdk, GLib, Gtk = gtk()
    text = sys.stdin.buffer.read().decode("utf-8")
    clipboard = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD)
    clipboard.set_text(text, -1)
    # set_text takes the selection synchronously; say so once the main loop runs.
    GLib.idle_add(lambda: say("ready") or False)
    Gtk.main()


if __name__ == "__main__":
    if sys.argv[1:2] == ["field"] and len(sys.argv) == 4:
        field(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["tty-reader"] and len(sys.argv) == 4:
        tty_reader(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:] == ["hold-clipboard"]:
        hold_clipboard()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
