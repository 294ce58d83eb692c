using SkiaSharp;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary><c>autonomy amr run</c> writes a particle-cloud PNG at start and after convergence, and the error-over-time plot.</summary>
public sealed class AmrParticlePlotTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "amr-particles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_run_from_a_wrong_initial_pose_writes_decodable_particle_plots_at_start_and_convergence_showing_the_cloud()
    {
        (int code, string output, string error) = CliRunner.Run("amr", "run", "warehouse-wrong-initial-pose", "--out", _directory);
        Assert.True(code == 0, output + error);

        int start = ParticlePixels(Path.Combine(_directory, "amr_particles_start.png"));
        int converged = ParticlePixels(Path.Combine(_directory, "amr_particles_converged.png"));
        int errorPlot = ColouredPixels(Path.Combine(_directory, "amr_error.png"));
        log.WriteLine($"particle-blue pixels: start {start}, converged {converged}; coloured pixels in the error plot {errorPlot}");

        // The seeded cloud (1 m / 30° off, σ 0.7 m / 25°) is spread; once converged it is a tight blob.
        // Measured (deterministic lockstep) 8553 px at start, 76 px converged, 3061 coloured px in the error plot;
        // bounds within 1.5x of those.
        Assert.True(start > 5700, $"start cloud covers {start} px");
        Assert.True(converged > 50, $"converged cloud covers {converged} px");
        Assert.True(converged * 20 < start, $"the converged cloud ({converged} px) should be far tighter than the start cloud ({start} px)");
        Assert.True(errorPlot > 2040, $"error plot has {errorPlot} coloured px");
        Assert.Contains("amr_particles_converged.png", output, StringComparison.Ordinal);
    }

    /// <summary>Decodes the PNG and counts the pixels of the translucent blue particle markers.</summary>
    private static int ParticlePixels(string path)
    {
        using SKBitmap bitmap = Decode(path);
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                count += c.Blue > c.Red + 60 && c.Blue > c.Green + 60 ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Pixels that are neither grey nor white (plot lines).</summary>
    private static int ColouredPixels(string path)
    {
        using SKBitmap bitmap = Decode(path);
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                int spread = Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                count += spread > 60 ? 1 : 0;
            }
        }

        return count;
    }

    private static SKBitmap Decode(string path)
    {
        Assert.True(File.Exists(path), path + " missing");
        SKBitmap? bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= 800 && bitmap.Height >= 400, $"{path}: {bitmap.Width}x{bitmap.Height}");
        return bitmap;
    }
}
