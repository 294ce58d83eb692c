using System.Diagnostics;
using System.Globalization;

namespace StrategicTech.Fleet.Tests;

/// <summary><c>autonomy fleet serve --zones</c> refuses a zone file it cannot send (exit 2, naming the file and the problem).</summary>
public sealed class FleetServeZonesTests
{
    private static async Task<(int ExitCode, string Error)> ServeAsync(string zonesPath, string version, string db)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "autonomy.dll"), "fleet", "serve", "--vda-version", version, "--zones", zonesPath,
            "--http-port", FleetTestRig.FreePort().ToString(CultureInfo.InvariantCulture), "--broker-port", FleetTestRig.FreePort().ToString(CultureInfo.InvariantCulture), "--db", db,
        ];
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(FleetTestRig.Timeout);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task Fleet_serve_exits_2_on_a_zone_file_with_a_broken_zone_and_on_a_zone_file_for_a_2x_fleet()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-zones-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string zones = Path.Combine(dir, "zones.json");
            await File.WriteAllTextAsync(zones, """
                { "mapId": "small_warehouse", "zoneSetId": "z1",
                  "zones": [ { "zoneId": "slow", "zoneType": "SPEED_LIMIT", "vertices": [ { "x": 0, "y": 0 }, { "x": 1, "y": 0 }, { "x": 1, "y": 1 } ] } ] }
                """);
            (int code, string error) = await ServeAsync(zones, "3.0.0", Path.Combine(dir, "a.db"));
            Assert.Equal(2, code);
            Assert.Contains(zones + ": zoneSet.zones[0].maximumSpeed: required in a SPEED_LIMIT zone", error, StringComparison.Ordinal);

            (code, error) = await ServeAsync(zones, "2.0.0", Path.Combine(dir, "b.db"));
            Assert.Equal(2, code);
            Assert.Contains("a zone file needs VDA 5050 3.0", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
