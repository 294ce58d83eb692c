using System.Net;
using System.Net.Sockets;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary><c>autonomy amr robot</c>: serves the robot on the warehouse map for its duration; bad input exits 2.</summary>
public sealed class AmrCommandTests
{
    [Fact]
    public void Amr_robot_serves_the_nav2_warehouse_map_for_its_duration_and_exits_0()
    {
        int port = FreePort();
        string map = SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml");

        (int code, string output, string error) = CliRunner.Run("amr", "robot", "--map", map, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--speed", "4", "--duration", "1");

        Assert.True(code == 0, error);
        Assert.Contains($"rosbridge robot on ws://127.0.0.1:{port}", output, StringComparison.Ordinal);
        Assert.Contains("map 1006x1674 @ 0.03 m", output, StringComparison.Ordinal);
        Assert.Contains("stopped at t = ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Amr_robot_with_a_missing_map_or_bad_speed_exits_2_naming_the_option()
    {
        (int code, _, string error) = CliRunner.Run("amr", "robot", "--map", "/nonexistent/map.yaml", "--duration", "0.1");
        Assert.Equal(2, code);
        Assert.Contains("--map", error, StringComparison.Ordinal);
        (code, _, error) = CliRunner.Run("amr", "robot", "--speed", "-1", "--duration", "0.1");
        Assert.Equal(2, code);
        Assert.Contains("--speed", error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
