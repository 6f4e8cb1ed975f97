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
    /// state and LED, WiFi and MQTT, counters, the last telemetry, the last messages both ways, OTA as a progress bar.
    /// </summary>
    public sealed class LiveView
    {
        private readonly RunView _view;
        private readonly Func<string> _counters;
        private readonly string _hint;

        public LiveView(RunView view, Func<string> counters, string hint)
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
            AnsiConsole.Live(Render())
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .Start(context =>
                {
                    do
                    {
                        context.UpdateTarget(Render());
                    }
                    while (!stop.WaitOne(200));
                });
        }

        private IRenderable Render()
        {
            string counters = _counters();
            // Leave the last columns free: a ^C the terminal echoes after a full-width line would wrap and shift the frame.
            int width = Math.Max(60, AnsiConsole.Profile.Width - 3);
            int text = width - 16;
            return _view.Read((v, events, messages) =>
            {
                Grid grid = new Grid();
                grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
                grid.AddColumn();
                grid.AddRow(Label("device"), new Markup(
                    $"[bold {StateColour(v.State)}]{Markup.Escape(v.State)}[/]   LED [bold]{Markup.Escape(v.Led)}[/]   firmware [bold]{Markup.Escape(v.FirmwareVersion)}[/]   up {TimeSpan.FromSeconds((int)v.Seconds):hh\\:mm\\:ss}"));
                grid.AddRow(Label("module"), new Markup($"WiFi {Markup.Escape(v.Wifi)}   MQTT {Markup.Escape(v.Mqtt)}"));
                grid.AddRow(Label("counters"), new Spectre.Console.Text(counters));
                grid.AddRow(Label("telemetry"), new Spectre.Console.Text(v.TelemetryAt < 0 ? "none yet" : $"{Cut(v.Telemetry, text - 14)}  ({v.Seconds - v.TelemetryAt:F0} s ago)"));
                grid.AddRow(Label("messages"), Messages(messages, text - 24));
                grid.AddRow(Label("OTA"), Ota(v));
                grid.AddRow(Label("events"), new Spectre.Console.Text(string.Join("\n", events.Select(e => Cut(e, text)))));
                Panel panel = new Panel(new Rows(grid, new Markup("[dim]" + Markup.Escape(_hint) + "[/]")))
                    .Header(" " + Markup.Escape(v.Title) + " ")
                    .Border(BoxBorder.Rounded);
                panel.Width = width;
                return panel;
            });
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

        private static IRenderable Ota(RunView v)
        {
            if (v.OtaVersion == null && v.OtaResult == null)
            {
                return new Spectre.Console.Text("no update yet");
            }
            List<IRenderable> rows = new List<IRenderable>();
            if (v.OtaVersion != null && v.OtaTotal > 0)
            {
                double share = (double)v.OtaBytes / v.OtaTotal;
                const int width = 40;
                int filled = (int)(share * width);
                string left = v.OtaRate > 0 && v.OtaBytes < v.OtaTotal ? $" · {(v.OtaTotal - v.OtaBytes) / v.OtaRate:F0} s left" : "";
                rows.Add(new Markup(
                    $"{Markup.Escape(v.OtaVersion)} [green]{new string('━', filled)}[/][grey]{new string('─', width - filled)}[/] {share * 100,3:F0}%  "
                    + $"{v.OtaBytes:N0} / {v.OtaTotal:N0} B · {v.OtaRate:N0} B/s{left}"));
            }
            if (v.OtaResult != null)
            {
                rows.Add(new Markup(v.OtaFailed ? "[red]failed: " + Markup.Escape(v.OtaResult) + "[/]" : "[green]" + Markup.Escape(v.OtaResult) + "[/]"));
            }
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

        private static string Cut(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";
    }
}
