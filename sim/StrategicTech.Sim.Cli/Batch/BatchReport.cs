using System.Globalization;
using Spectre.Console;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>Prints a campaign's <see cref="BatchSummary"/> as Spectre.Console tables (plain ASCII when not a terminal).</summary>
public static class BatchReport
{
    public static void Write(BatchSummary summary, string campaign, int expectedJobs, TextWriter output, bool terminal, string throughput = "")
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        IAnsiConsole console = terminal
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(output),
            });
        if (!terminal)
        {
            console.Profile.Width = 140;
        }

        var criteria = new Table().Title(Markup.Escape("campaign " + campaign + ": pass rate per criterion"))
            .AddColumn("scenario").AddColumn("criterion")
            .AddColumn(new TableColumn("passed").RightAligned()).AddColumn(new TableColumn("rate").RightAligned())
            .AddColumn(new TableColumn("worst").RightAligned()).AddColumn(new TableColumn("limit").RightAligned()).AddColumn(new TableColumn("worst seed").RightAligned());
        if (!terminal)
        {
            criteria.Border(TableBorder.Ascii);
        }

        foreach (CriterionSummary c in summary.Criteria)
        {
            criteria.AddRow(
                Markup.Escape(c.ScenarioName),
                Markup.Escape(c.Criterion),
                Invariant($"{c.Passed}/{c.Runs}"),
                Invariant($"{c.PassRate * 100:F1} %"),
                double.IsFinite(c.WorstMeasured) ? Invariant($"{c.WorstMeasured:F2} {c.Unit}") : "not reached",
                double.IsFinite(c.Limit) ? Invariant($"{c.Limit:G} {c.Unit}") : "-",
                c.WorstSeed.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(criteria);
        if (summary.Failures.Count > 0)
        {
            var failures = new Table().Title(Markup.Escape(Invariant($"failing jobs ({summary.Failures.Count})")))
                .AddColumn("scenario").AddColumn(new TableColumn("seed").RightAligned()).AddColumn("status").AddColumn("why").AddColumn("outputs");
            if (!terminal)
            {
                failures.Border(TableBorder.Ascii);
            }

            foreach (BatchJobResult f in summary.Failures)
            {
                failures.AddRow(Markup.Escape(f.ScenarioName), f.Seed.ToString(CultureInfo.InvariantCulture), f.Status,
                    Markup.Escape(f.Message), Markup.Escape(f.OutputDirectory.Length > 0 ? f.OutputDirectory + " (on " + f.Worker + ")" : "-"));
            }

            console.Write(failures);
        }

        output.WriteLine(Invariant($"  {summary.Passed}/{summary.Jobs} jobs passed; {summary.SimulatedS:F0} simulated s{throughput}"));
        output.WriteLine(summary.Jobs < expectedJobs ? Invariant($"result: INCOMPLETE ({summary.Jobs} of {expectedJobs} jobs have a result; not judged as a pass)")
            : summary.AllPassed ? "result: PASS" : "result: FAIL");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
