using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using StrategicTech.Sim.Tests.Sitl;
using StrategicTech.TestSupport;
using NavCmd = StrategicTech.Navigation.Missions.MavCmd;
using NavFrame = StrategicTech.Navigation.Missions.MavFrame;
using NavMissionItem = StrategicTech.Navigation.Missions.MissionItem;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>
/// The vehicle tells a ground station the truth: the mission it flies is the one a download returns, whoever gave
/// it (scenario or console through the vehicle API, or a MAVLink upload); AUTOPILOT_VERSION carries the build's version.
/// </summary>
public sealed class MissionTruthTests
{
    [Fact]
    public void A_mission_given_through_the_vehicle_api_is_what_a_ground_station_downloads()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        var ground = new GroundStation(vehicle);
        NavMissionItem[] items =
        [
            new(0, NavFrame.GlobalRelativeAlt, NavCmd.NavTakeoff, 0, 0, 0, double.NaN, 47.397742, 8.545594, 10, true),
            NavMissionItem.Waypoint(1, NavFrame.GlobalRelativeAlt, 47.3979, 8.5457, 12),
            new(2, NavFrame.GlobalRelativeAlt, NavCmd.NavLand, 0, 0, 0, double.NaN, 47.3979, 8.5457, 0, true),
        ];
        Assert.Equal(CommandOutcome.Accepted, vehicle.Commands.ReplaceMission(items));
        IReadOnlyList<MissionPlanItem> downloaded = ground.Await(ground.Missions.DownloadAsync(MavMissionType.Mission));
        Assert.Equal(items.Length, downloaded.Count);
        for (int i = 0; i < items.Length; i++)
        {
            Assert.Equal((MavCmd)items[i].Command, downloaded[i].Command);
            Assert.Equal((MavFrame)items[i].Frame, downloaded[i].Frame);
            Assert.Equal(items[i].LatitudeE7, downloaded[i].X);
            Assert.Equal(items[i].LongitudeE7, downloaded[i].Y);
            Assert.Equal((float)items[i].AltitudeM, downloaded[i].Z);
        }

        // Replaced again (a console "mission" command, a scenario): the download follows.
        Assert.Equal(CommandOutcome.Accepted, vehicle.Commands.ReplaceMission(items[..2]));
        Assert.Equal(2, ground.Await(ground.Missions.DownloadAsync(MavMissionType.Mission)).Count);
    }

    [Fact]
    public void Autopilot_version_reports_the_build_version_and_px4_packing()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        var ground = new GroundStation(vehicle);
        Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.RequestMessage, AutopilotVersion.MsgId));
        Assert.True(ground.RunUntil(() => ground.All<AutopilotVersion>().Count > 0, 2_000_000));
        AutopilotVersion v = ground.All<AutopilotVersion>()[0];
        FirmwareVersion build = FirmwareVersion.Current;
        Assert.Equal(build.FlightSwVersion, v.FlightSwVersion);
        Assert.Equal((uint)build.Major, v.FlightSwVersion >> 24);
        Assert.True(v.Capabilities.HasFlag(MavProtocolCapability.MissionInt));
        Assert.True(v.Capabilities.HasFlag(MavProtocolCapability.CommandInt));
        Assert.True(v.Capabilities.HasFlag(MavProtocolCapability.Mavlink2));
        Assert.False(v.Capabilities.HasFlag(MavProtocolCapability.Ftp)); // no MAVLink FTP server: not claimed
    }

    [Fact]
    public void Estimator_status_and_servo_output_stream_at_px4_normal_mode_rates_with_real_values()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        var ground = new GroundStation(vehicle); // attached before the first tick
        Assert.True(ground.RunUntil(() => vehicle.ReadyToArm, 30_000_000), "EKF never ready to arm");
        Assert.Equal(CommandOutcome.Accepted, vehicle.Commands.Takeoff(10));
        long startUs = vehicle.Clock.TimeUs;
        int estimatorBefore = ground.All<EstimatorStatus>().Count, servoBefore = ground.All<ServoOutputRaw>().Count;
        Assert.False(ground.RunUntil(() => false, 20_000_000)); // 20 s of flight: climb, then hold
        double seconds = (vehicle.Clock.TimeUs - startUs) / 1e6;
        int estimator = ground.All<EstimatorStatus>().Count - estimatorBefore;
        int servo = ground.All<ServoOutputRaw>().Count - servoBefore;
        Assert.InRange(estimator, (int)(seconds * 0.5) - 1, (int)(seconds * 0.5) + 1); // 0.5 Hz
        Assert.InRange(servo, (int)seconds - 1, (int)seconds + 1); // 1 Hz
        EstimatorStatus e = ground.All<EstimatorStatus>()[^1];
        Assert.True(e.Flags.HasFlag(EstimatorStatusFlags.EstimatorAttitude));
        Assert.True(e.Flags.HasFlag(EstimatorStatusFlags.EstimatorPosHorizAbs));
        Assert.InRange(e.PosHorizRatio, 0f, 1f); // GNSS accepted: inside the gate
        Assert.InRange(e.PosHorizAccuracy, 0.01f, 5f);
        ServoOutputRaw s = ground.All<ServoOutputRaw>()[^1];
        // Hovering quad: four motors between idle and full, the rest unused.
        foreach (ushort pwm in new[] { s.Servo1Raw, s.Servo2Raw, s.Servo3Raw, s.Servo4Raw })
        {
            Assert.InRange(pwm, (ushort)1100, (ushort)1900);
        }

        Assert.Equal(0, s.Servo5Raw);
    }

    [Theory]
    [InlineData("1.4.2", 0x010402FFu, "")]
    [InlineData("2.0.1-beta.3+3fc01f8a1b2c3d4e5f60718293a4b5c6d7e8f901", 0x02000100u, "3fc01f8a1b2c3d4e")]
    [InlineData("0.9", 0x000900FFu, "")]
    public void Firmware_version_packs_major_minor_patch_and_type_as_px4_and_the_hash_into_the_custom_version(string text, uint packed, string hashPrefix)
    {
        FirmwareVersion v = FirmwareVersion.Parse(text);
        Assert.Equal(packed, v.FlightSwVersion);
        Span<byte> custom = stackalloc byte[8];
        v.WriteCustomVersion(custom);
        Assert.Equal(hashPrefix.Length == 0 ? new byte[8] : Convert.FromHexString(hashPrefix), custom.ToArray());
    }

    [Fact]
    public async Task Node_mavlink_downloads_the_mission_a_scenario_run_is_flying()
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "node-mavlink")), $"node-mavlink is not installed: run 'npm ci' in {peers} (test.sh does)");
        Scenario demo = ScenarioLoader.LoadBuiltIn("demo");
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var options = new ScenarioRunOptions
        {
            SpeedFactor = 5,
            Cancellation = stop.Token,
            Attach = (vehicle, spec, index) =>
            {
                var link = VehicleMavlinkLink.Attach(vehicle.Vehicle, new VehicleMavlinkLinkOptions { Bind = "udpin://127.0.0.1:0", Remote = string.Empty });
                port.SetResult(link.LocalEndPoint!.Port);
                return new LinkAttachment(link);
            },
            Progress = p =>
            {
                if (p.Status != "waiting for EKF")
                {
                    flying.TrySetResult(); // the runner uploaded the mission (through the vehicle API) and started it
                }
            },
        };
        Task<ScenarioResult> run = Task.Run(() => ScenarioRunner.Run(demo, options));
        try
        {
            int vehiclePort = await port.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await flying.Task.WaitAsync(TimeSpan.FromSeconds(120));
            var start = new ProcessStartInfo("node", ["mavlink-mission-download.mjs", vehiclePort.ToString(CultureInfo.InvariantCulture), "60"])
            {
                WorkingDirectory = peers,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process node = Process.Start(start)!;
            string text = await node.StandardOutput.ReadToEndAsync();
            string errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {text} {errors}");
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement[] items = [.. doc.RootElement.GetProperty("items").EnumerateArray()];
            IReadOnlyList<NavMissionItem> flown = demo.Mission.Items;
            Assert.Equal(flown.Count, items.Length);
            for (int i = 0; i < flown.Count; i++)
            {
                Assert.Equal(flown[i].Command, items[i].GetProperty("command").GetInt32());
                if (flown[i].HasPosition)
                {
                    Assert.Equal(flown[i].LatitudeE7, items[i].GetProperty("x").GetInt32());
                    Assert.Equal(flown[i].LongitudeE7, items[i].GetProperty("y").GetInt32());
                }
            }

            Assert.Equal(FirmwareVersion.Current.FlightSwVersion, doc.RootElement.GetProperty("autopilotVersion").GetProperty("flightSwVersion").GetUInt32());
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(120));
        }
    }

    private sealed class LinkAttachment(VehicleMavlinkLink link) : IVehicleAttachment
    {
        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
        }

        public void Dispose() => link.Dispose();
    }
}
