using System.Globalization;

namespace StrategicTech.GroundStation.App;

/// <summary>The command line: <c>[--connect URL] [--signing-key FILE] [--headless --replay FILE --seek-s S --screenshot FILE.png] [--size WxH]</c>.</summary>
public sealed record GcsOptions
{
    public const string DefaultUrl = "udpin://0.0.0.0:14550";

    public string ConnectUrl { get; init; } = DefaultUrl;

    public string? SigningKeyPath { get; init; }

    public bool Headless { get; init; }

    public string? ReplayPath { get; init; }

    public double SeekS { get; init; }

    public string? ScreenshotPath { get; init; }

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    /// <summary>Frames to render before exiting (windowed mode; 0 = until the window closes). For benchmarks.</summary>
    public int FrameLimit { get; init; }

    /// <summary>With <c>--headless</c>: render this many frames of the 10-vehicle benchmark scene and print frame-time percentiles.</summary>
    public int BenchFrames { get; init; }

    /// <summary>Frame-rate cap of the window loop (a software renderer on a shared machine should not spin).</summary>
    public int MaxFps { get; init; } = 60;

    public bool Help { get; init; }

    /// <summary>An MBTiles file of raster tiles for the map.</summary>
    public string? TilesPath { get; init; }

    /// <summary>An XYZ tile URL template (<c>https://…/{z}/{x}/{y}.png</c>), downloaded into <see cref="TileCachePath"/>.</summary>
    public string? TileUrl { get; init; }

    /// <summary>The MBTiles file that caches downloaded tiles (default under the user's local data folder).</summary>
    public string TileCachePath { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "StrategicTech", "tiles-cache.mbtiles");

    public const string Usage = """
        StrategicTech ground station
          (no options)               open a window, listen on udpin://0.0.0.0:14550
          --connect <url>            udpin://host:port | udpout://host:port | tcpin:// | tcpout:// | serial:///dev/ttyX:baud
          --signing-key <file>       sign our frames and require signed frames (32-byte key file)
          --replay <file.tlog>       play a telemetry log instead of a live link
          --seek-s <s>               start the replay this many seconds into the log
          --headless                 render offscreen (EGL surfaceless), needs --replay and --screenshot
          --screenshot <file.png>    write the fly view to a PNG and exit
          --size <W>x<H>             window / image size in pixels (default 1280x720)
          --frames <n>               render n frames and exit, printing frame-time percentiles
          --bench-frames <n>         with --headless: render n frames of 10 vehicles x 10 000 track points, print p50/p99/gen-2
          --max-fps <n>              cap the window's frame rate (default 60)
          --tiles <file.mbtiles>     raster map tiles from an MBTiles file (offline)
          --tile-url <template>      download tiles from https://…/{z}/{x}/{y}.png into the cache
          --tile-cache <file>        the MBTiles file that caches downloads (default ~/.local/share/StrategicTech/tiles-cache.mbtiles)
        """;

    /// <summary>Parses <paramref name="args"/>; on error returns null and a message naming the argument.</summary>
    public static GcsOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new GcsOptions();
        error = string.Empty;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Next()
            {
                if (i + 1 >= args.Count)
                {
                    return null;
                }

                i++;
                return args[i];
            }

            switch (a)
            {
                case "--help" or "-h":
                    o = o with { Help = true };
                    break;
                case "--headless":
                    o = o with { Headless = true };
                    break;
                case "--connect" or "--signing-key" or "--replay" or "--screenshot" or "--seek-s" or "--size" or "--frames" or "--bench-frames" or "--max-fps" or "--tiles" or "--tile-url" or "--tile-cache":
                    string? value = Next();
                    if (value is null)
                    {
                        error = $"{a} needs a value";
                        return null;
                    }

                    GcsOptions? next = WithValue(o, a, value, out error);
                    if (next is null)
                    {
                        return null;
                    }

                    o = next;
                    break;
                default:
                    error = $"unknown argument '{a}' (see --help)";
                    return null;
            }
        }

        if (o.TilesPath is not null && o.TileUrl is not null)
        {
            error = "--tiles and --tile-url exclude each other: give one tile source";
            return null;
        }

        if (o.BenchFrames > 0 && !o.Headless)
        {
            error = "--bench-frames needs --headless";
            return null;
        }

        if (o.Headless && o.BenchFrames == 0 && (o.ReplayPath is null || o.ScreenshotPath is null))
        {
            error = "--headless needs --replay <file.tlog> and --screenshot <file.png>";
            return null;
        }

        return o;
    }

    private static GcsOptions? WithValue(GcsOptions o, string name, string value, out string error)
    {
        error = string.Empty;
        switch (name)
        {
            case "--connect":
                if (!Drivers.Mavlink.Transports.MavlinkEndpoint.TryParse(value, out _, out error))
                {
                    error = "--connect: " + error;
                    return null;
                }

                return o with { ConnectUrl = value };
            case "--signing-key":
                return o with { SigningKeyPath = value };
            case "--replay":
                return o with { ReplayPath = value };
            case "--tiles":
                return o with { TilesPath = value };
            case "--tile-url":
                try
                {
                    Tiles.XyzTileSource.Validate(value);
                }
                catch (Tiles.TileSourceException ex)
                {
                    error = ex.Message;
                    return null;
                }

                return o with { TileUrl = value };
            case "--tile-cache":
                return o with { TileCachePath = value };
            case "--screenshot":
                return o with { ScreenshotPath = value };
            case "--seek-s":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !double.IsFinite(s) || s < 0)
                {
                    error = $"--seek-s must be a number of seconds ≥ 0, got '{value}'";
                    return null;
                }

                return o with { SeekS = s };
            case "--frames":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
                {
                    error = $"--frames must be a positive integer, got '{value}'";
                    return null;
                }

                return o with { FrameLimit = n };
            case "--bench-frames":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int benchFrames) || benchFrames is <= 0 or > 1_000_000)
                {
                    error = $"--bench-frames must be an integer from 1 to 1000000, got '{value}'";
                    return null;
                }

                return o with { BenchFrames = benchFrames };
            case "--max-fps":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int fps) || fps is < 1 or > 1000)
                {
                    error = $"--max-fps must be an integer from 1 to 1000, got '{value}'";
                    return null;
                }

                return o with { MaxFps = fps };
            default:
                string[] parts = value.Split('x');
                if (parts.Length != 2
                    || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                    || w is < 320 or > 8192 || h is < 240 or > 8192)
                {
                    error = $"--size must be WxH between 320x240 and 8192x8192, got '{value}'";
                    return null;
                }

                return o with { Width = w, Height = h };
        }
    }
}
