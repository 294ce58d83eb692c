using System.Runtime.CompilerServices;
using SkiaSharp;
using StrategicTech.GroundStation.App;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>
/// The fly view of a synthetic log (same bytes every run) rendered headless and compared with a golden PNG:
/// a pixel differs when any channel is more than <see cref="ChannelTolerance"/> counts off, and at most
/// <see cref="MaxDifferingFraction"/> of pixels may differ (anti-aliasing and text hinting vary between Mesa and
/// Skia builds; a moved panel, a wrong colour or a missing curve changes far more). Set GCS_WRITE_GOLDEN=1 to
/// rewrite the golden image after a deliberate change of the view.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class GoldenScreenshotTests
{
    // Measured on the machine that wrote the golden image: 0 pixels differ (the render is deterministic there).
    private const int ChannelTolerance = 16;
    private const double MaxDifferingFraction = 0.005;

    // Read from the build output (a CI build maps source paths to /_/, so the caller's file path is not on disk);
    // GCS_WRITE_GOLDEN=1 writes into the source tree, from a local (unmapped) build.
    private static string GoldenPath() => Path.Combine(AppContext.BaseDirectory, "Headless", "Golden", "fly-view-circle.png");

    private static string GoldenSourcePath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden", "fly-view-circle.png");

    [Fact]
    public void Synthetic_circle_flight_at_25_s_renders_within_tolerance_of_the_golden_png()
    {
        // The log's name is drawn on screen: a fixed name in a private directory keeps the image the same every run.
        string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"gcs-golden-{Environment.ProcessId}")).FullName;
        string tlog = SyntheticTlog.Write(Path.Combine(dir, "circle.tlog"));
        string png = Path.Combine(Path.GetTempPath(), $"gcs-golden-{Environment.ProcessId}.png");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GroundStationMain.Run(["--headless", "--replay", tlog, "--seek-s", "25", "--screenshot", png, "--size", "960x600"], output, error);
        Assert.True(code == 0, $"exit {code}: {output} {error}");

        string golden = GoldenPath();
        if (Environment.GetEnvironmentVariable("GCS_WRITE_GOLDEN") == "1")
        {
            File.Copy(png, GoldenSourcePath(), overwrite: true);
            File.Copy(png, golden, overwrite: true);
        }

        using SKBitmap expected = SKBitmap.Decode(golden) ?? throw new FileNotFoundException("golden image missing", golden);
        using SKBitmap actual = SKBitmap.Decode(png);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        int differing = 0;
        int worst = 0;
        for (int y = 0; y < actual.Height; y++)
        {
            for (int x = 0; x < actual.Width; x++)
            {
                int d = HudPixels.Distance(expected.GetPixel(x, y), actual.GetPixel(x, y));
                worst = Math.Max(worst, d);
                if (d > ChannelTolerance)
                {
                    differing++;
                }
            }
        }

        double fraction = (double)differing / (actual.Width * actual.Height);
        Assert.True(fraction <= MaxDifferingFraction, $"{differing} pixels ({fraction:P2}) differ by more than {ChannelTolerance} counts (worst {worst}); see {png}");
    }
}
