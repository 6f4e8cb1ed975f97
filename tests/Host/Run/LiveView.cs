using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The live view (Spectre.Console) of the running firmware, redrawn five times a second from a <see cref="RunView"/>:
    /// state and LED, WiFi and MQTT, counters, the last telemetry, the lamp's properties, the last messages both ways, OTA as a progress bar.
    /// </summary>
    public sealed class LiveView
    {
        private readonly RunView _view;
        private readonly Func<string[]> _counters;
        private readonly string _hint;

        /// <param name="counters">The counters, most important first; drawn on as many lines as the width needs.</param>
        public LiveView(RunView view, Func<string[]> counters, string hint)
        {
            _view = view;
            _counters = counters;
            _hint = hint;
        }

        /// <summary>True when stdout is a terminal that can redraw in place.</summary>
        public static bool Possible()
        {
            return !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Capabilities.Ansi
                && Environment.GetEnvironmentVariable("TERM") != "dumb";
        }

        /// <summary>Draws until stop is set, then leaves the last frame on the screen.</summary>
        public void Run(WaitHandle stop)
        {
            AnsiConsole.Live(Render(AnsiConsole.Profile.Width, AnsiConsole.Profile.Height))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Bottom)
                .Start(context =>
                {
                    do
                    {
                        context.UpdateTarget(Render(AnsiConsole.Profile.Width, AnsiConsole.Profile.Height));
                    }
                    while (!stop.WaitOne(200));
                });
        }

        /// <summary>
        /// One frame for a terminal of this size, never taller than it: what matters first (the broker in the title,
        /// state and LED, WiFi and MQTT, counters, OTA), then the lamp, telemetry, events and messages as room allows.
        /// </summary>
        public IRenderable Render(int terminalWidth, int terminalHeight)
        {
            string[] counters = _counters();
            // Leave the last columns free: a ^C the terminal echoes after a full-width line would wrap and shift the frame.
            int width = Math.Max(40, terminalWidth - 3);
            // Inside the border (2) and padding (2), after the label column (9 and 2 of gap).
            int text = width - 15;
            // One line stays free below the frame for the cursor, so the terminal never scrolls it.
            int room = Math.Max(8, terminalHeight - 1) - 2;
            return _view.Read((v, events, messages) =>
            {
                Grid grid = new Grid();
                grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
                grid.AddColumn(new GridColumn().NoWrap());
                grid.AddRow(Label("device"), new Markup(Cut(
                    $"[bold {StateColour(v.State)}]{Markup.Escape(v.State)}[/]   LED [bold]{Markup.Escape(v.Led)}[/]   firmware [bold]{Markup.Escape(v.FirmwareVersion)}[/]   up {TimeSpan.FromSeconds((int)v.Seconds):hh\\:mm\\:ss}",
                    v.State.Length + v.Led.Length + v.FirmwareVersion.Length + 32, text)));
                grid.AddRow(Label("module"), new Spectre.Console.Text(Cut($"WiFi {v.Wifi}   MQTT {v.Mqtt}", text)));
                List<string> counterLines = Wrap(counters, text);
                grid.AddRow(Label("counters"), new Spectre.Console.Text(string.Join("\n", counterLines)));
                room -= 2 + counterLines.Count;
                IRenderable ota = Ota(v, text, out int otaLines);
                grid.AddRow(Label("OTA"), ota);
                room -= otaLines;
                if (room >= 1)
                {
                    grid.AddRow(Label("lamp"), new Spectre.Console.Text(Cut(v.Lamp, text)));
                    room--;
                }
                for (int i = 0; i < v.SubDevices.Length && room >= 1; i++)
                {
                    grid.AddRow(Label(i == 0 ? "gateway" : ""), new Spectre.Console.Text(Cut(v.SubDevices[i], text)));
                    room--;
                }
                if (room >= 1)
                {
                    grid.AddRow(Label("telemetry"), new Spectre.Console.Text(v.TelemetryAt < 0 ? "none yet" : $"{Cut(v.Telemetry, text - 14)}  ({v.Seconds - v.TelemetryAt:F0} s ago)"));
                    room--;
                }
                bool hint = room >= 1;
                room -= hint ? 1 : 0;
                // The rest between the latest events and messages, the newest of each; events first.
                int eventRows = Math.Min(events.Count, Math.Max(0, room - Math.Min(messages.Count, Math.Max(1, room / 2))));
                int messageRows = Math.Min(Math.Max(1, messages.Count), room - eventRows);
                if (messageRows >= 1)
                {
                    grid.AddRow(Label("messages"), Messages(messages.Skip(messages.Count - Math.Min(messages.Count, messageRows)).ToList(), text - 24));
                    room -= messageRows;
                }
                eventRows = Math.Min(eventRows, room);
                if (eventRows >= 1)
                {
                    grid.AddRow(Label("events"), new Spectre.Console.Text(string.Join("\n", events.Skip(events.Count - eventRows).Select(e => Cut(e, text)))));
                    room -= eventRows;
                }
                if (room >= 1 && v.Where.Length > 0)
                {
                    grid.AddRow(Label("link"), new Spectre.Console.Text(Cut(v.Where, text)));
                }
                IRenderable body = hint ? new Rows(grid, new Markup("[dim]" + Markup.Escape(Cut(_hint, width - 4)) + "[/]")) : grid;
                Panel panel = new Panel(body)
                    .Header(" " + Markup.Escape(Cut(v.Title, width - 6)) + " ")
                    .Border(BoxBorder.Rounded);
                panel.Width = width;
                return panel;
            });
        }

        /// <summary>Items joined with " · ", a new line where the next would pass the width.</summary>
        public static List<string> Wrap(IEnumerable<string> items, int width)
        {
            List<string> lines = new List<string>();
            string line = "";
            foreach (string item in items)
            {
                if (line.Length > 0 && line.Length + 3 + item.Length > width)
                {
                    lines.Add(line);
                    line = "";
                }
                line = line.Length == 0 ? Cut(item, width) : line + " · " + item;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            return lines;
        }

        private static IRenderable Messages(IReadOnlyList<RunView.MessageLine> messages, int width)
        {
            if (messages.Count == 0)
            {
                return new Spectre.Console.Text("none yet");
            }
            Grid grid = new Grid();
            grid.AddColumn(new GridColumn().NoWrap().PadRight(1));
            grid.AddColumn(new GridColumn().NoWrap().PadRight(1));
            grid.AddColumn();
            foreach (RunView.MessageLine m in messages)
            {
                grid.AddRow(new Spectre.Console.Text($"{m.At,6:F1}s"),
                    new Markup(m.ToCloud ? "[blue]device → cloud[/]" : "[green]cloud → device[/]"),
                    new Spectre.Console.Text(Cut(m.Topic + "  " + m.Payload, width)));
            }
            return grid;
        }

        private static IRenderable Ota(RunView v, int width, out int lines)
        {
            lines = 1;
            if (v.OtaVersion == null && v.OtaResult == null)
            {
                return new Spectre.Console.Text("no update yet");
            }
            List<IRenderable> rows = new List<IRenderable>();
            if (v.OtaVersion != null && v.OtaTotal > 0)
            {
                double share = (double)v.OtaBytes / v.OtaTotal;
                string left = v.OtaRate > 0 && v.OtaBytes < v.OtaTotal ? $" · {(v.OtaTotal - v.OtaBytes) / v.OtaRate:F0} s left" : "";
                string figures = $" {share * 100,3:F0}%  {v.OtaBytes:N0} / {v.OtaTotal:N0} B · {v.OtaRate:N0} B/s{left}";
                // The bar takes what the version and the figures leave, 10 to 40 cells.
                int bar = Math.Max(10, Math.Min(40, width - v.OtaVersion.Length - 2 - figures.Length));
                int filled = (int)(share * bar);
                rows.Add(new Markup(Cut($"{Markup.Escape(v.OtaVersion)} [green]{new string('━', filled)}[/][grey]{new string('─', bar - filled)}[/]{figures}",
                    v.OtaVersion.Length + 1 + bar + figures.Length, width)));
            }
            if (v.OtaResult != null)
            {
                string result = (v.OtaFailed ? "failed: " : "") + v.OtaResult;
                rows.Add(new Markup((v.OtaFailed ? "[red]" : "[green]") + Markup.Escape(Cut(result, width)) + "[/]"));
            }
            lines = Math.Max(1, rows.Count);
            return new Rows(rows);
        }

        private static Markup Label(string text) => new Markup("[bold]" + text + "[/]");

        private static string StateColour(string state)
        {
            switch (state)
            {
                case "online": return "green";
                case "backoff": return "red";
                case "updating": return "blue";
                default: return "yellow";
            }
        }

        private static string Cut(string text, int max) => max <= 1 ? "" : text.Length <= max ? text : text.Substring(0, max - 1) + "…";

        // Markup whose visible length is known: kept whole when it fits, else shown as plain text cut to the width.
        private static string Cut(string markup, int visible, int max) => visible <= max ? markup : Markup.Escape(Cut(Markup.Remove(markup), max));
    }
}
