namespace StrategicTech.GroundStation.App;

/// <summary>Entry point logic: parse, then run headless or windowed. Exit codes 0 ok, 2 bad input.</summary>
public static class GroundStationMain
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        GcsOptions? options = GcsOptions.Parse(args, out string message);
        if (options is null)
        {
            error.WriteLine("error: " + message);
            return ExitBadInput;
        }

        if (options.Help)
        {
            output.WriteLine(GcsOptions.Usage);
            return ExitOk;
        }

        if (options.Headless && options.BenchFrames > 0)
        {
            return Bench.HeadlessBench.Run(options, output, error);
        }

        if (options.Headless)
        {
            return HeadlessRunner.Run(options, output, error);
        }

        using GroundStationWindow? window = GroundStationWindow.Create(options, error);
        if (window is null)
        {
            return ExitBadInput;
        }

        try
        {
            window.Run(CancellationToken.None);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return ExitFailed;
        }

        if (options.FrameLimit > 0 && window.Times is { } times)
        {
            output.WriteLine("window " + times.Summary() + " gen2 " + GC.CollectionCount(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return ExitOk;
    }
}
