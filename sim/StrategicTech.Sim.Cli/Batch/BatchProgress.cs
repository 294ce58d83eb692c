using System.Globalization;
using Spectre.Console;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>A campaign's progress: a Spectre.Console bar on a terminal, one plain line per finished job otherwise.</summary>
internal static class BatchProgress
{
    public static void Run(bool terminal, int total, TextWriter output, Action<Action<BatchJobResult>> body)
    {
        int done = 0, failed = 0;
        if (!terminal)
        {
            body(r =>
            {
                done++;
                failed += r.Passed ? 0 : 1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{done,4}/{total}] {r.ScenarioName} seed {r.Seed}: {(r.Passed ? "PASS" : "FAIL")}{(r.Status == BatchJobStatus.Ran ? string.Empty : " (" + r.Status + ")")} in {r.WallS:F2} s on {r.Worker}"));
            });
            return;
        }

        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("jobs", maxValue: total);
                body(r =>
                {
                    done++;
                    failed += r.Passed ? 0 : 1;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{done}/{total} jobs, {failed} failed");
                    task.Value = done;
                });
            });
    }
}
