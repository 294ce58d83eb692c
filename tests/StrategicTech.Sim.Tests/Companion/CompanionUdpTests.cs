using System.Globalization;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Tests.Batch;
using StrategicTech.Sim.Tests.Cli;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Companion;

/// <summary>
/// <c>autonomy companion</c> and <c>autonomy sitl vehicle</c> as two processes in real time, joined by real UDP on
/// loopback through a relay that can cut the link: the deployment shape of a companion beside a PX4 flight controller.
/// Waits are generous timeouts; assertions are on what each side printed and on the vehicle's truth CSV.
/// </summary>
[Collection(RealTimeProcessesCollection.Name)]
public sealed class CompanionUdpTests(ITestOutputHelper output) : IDisposable
{
    private const double HomeLatDeg = 47.397742, HomeLonDeg = 8.545594, HomeAmslM = 488;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "companion-udp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Over_real_udp_a_cut_link_puts_the_vehicle_in_hold_the_companion_in_link_lost_and_both_resume_and_land_at_the_route_end()
    {
        Directory.CreateDirectory(_dir);
        var home = GeodeticPosition.FromDegrees(HomeLatDeg, HomeLonDeg, HomeAmslM);
        var frame = new LocalNedFrame(home);
        Vector3 first = new(40, 0, 0), last = new(40, 30, 0);
        string mission = Path.Combine(_dir, "route.waypoints");
        File.WriteAllText(mission, Waypoints(frame, home, first, last));

        int companionPort = LocalServices.FreePort();
        using var relay = new UdpCutRelay(companionPort);
        string vehicleOut = Path.Combine(_dir, "vehicle");
        using var vehicle = new SitlVehicleProcess("--speed", "1", "--seed", "2", "--no-plots", "--out", vehicleOut,
            "--port", LocalServices.FreePort().ToString(CultureInfo.InvariantCulture),
            "--gcs-port", LocalServices.FreePort().ToString(CultureInfo.InvariantCulture),
            "--api-port", relay.Port.ToString(CultureInfo.InvariantCulture));
        vehicle.WaitFor("ready to arm");

        using var companion = SitlVehicleProcess.Cli("companion", "--fc", "udpin://127.0.0.1:" + companionPort.ToString(CultureInfo.InvariantCulture),
            "--mission", mission, "--takeoff-alt", "8", "--speed", "5", "--wait", "60",
            "--stream-timeout-ms", "450"); // a real-time process on a shared CI machine: tolerate scheduling stalls up to PX4's own limit
        try
        {
            companion.WaitFor("-> FlyingRoute");
            Thread.Sleep(2_000); // a little way along the first leg
            relay.Cut = true;
            vehicle.WaitFor("mode Hold, armed"); // the vehicle's own offboard-loss failsafe (COM_OF_LOSS_T)
            string lost = companion.WaitFor("-> Failsafe");
            Assert.Contains("link", lost, StringComparison.OrdinalIgnoreCase);
            Thread.Sleep(3_000);
            long droppedWhileCut = relay.Dropped;
            relay.Cut = false;

            companion.WaitFor("Failsafe -> PreStreaming"); // heard again: stream a hold, then ask for OFFBOARD again
            companion.WaitFor("-> FlyingRoute");
            companion.WaitFor("-> Completed");
            Assert.Equal(0, companion.WaitForExit(60));
            vehicle.WaitFor("landed");
            vehicle.WaitFor("disarmed");
            vehicle.Type("quit");
            Assert.Equal(0, vehicle.WaitForExit(120));
            output.WriteLine(companion.Transcript);
            output.WriteLine($"relay: {relay.Forwarded} datagrams forwarded, {droppedWhileCut} dropped while cut");
            Assert.True(droppedWhileCut > 50, $"only {droppedWhileCut} datagrams met the cut"); // 3 s of 50 Hz setpoints and the vehicle's streams

            Track track = Track.Read(Path.Combine(vehicleOut, "truth_vs_estimate.csv"));
            (double brakingM, double holdDriftM, double holdS) = track.Hold(settleS: 2);
            Vector3 landed = track.Last;
            double landingErrorM = Horizontal(landed - last);
            double crossTrackM = track.WorstDistanceFromPolyline([Vector3.Zero, first, last], minAltitudeM: 6);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hold {holdS:F1} s, braking {brakingM:F2} m, then drift {holdDriftM:F2} m; worst off the route {crossTrackM:F2} m; landed ({landed.X:F2}, {landed.Y:F2}), {landingErrorM:F2} m from the route's end"));
            Assert.True(holdS > 2.5, $"held only {holdS:F1} s"); // the 3 s cut less the 0.5 s offboard-loss delay, then until OFFBOARD is back
            // The braking distance depends on how far along the leg the wall-clock cut fell (1.62 m and 5.49 m measured), so
            // it is printed, not bounded; once stopped, the hold keeps the vehicle in place.
            Assert.True(holdDriftM < 0.21, $"drifted {holdDriftM:F2} m in hold after braking"); // measured 0.14 m; bound 0.21 m
            Assert.True(crossTrackM < 1.2, $"{crossTrackM:F2} m off the route"); // measured 0.81 m; bound 1.2 m
            Assert.True(landingErrorM < 0.55, $"landed {landingErrorM:F2} m from the route's end"); // measured 0.38 m (truth against the plan's point; the companion flies its estimate); bound 0.55 m
        }
        finally
        {
            output.WriteLine("--- companion ---\n" + companion.Transcript + "\n" + companion.Errors());
            output.WriteLine("--- vehicle ---\n" + vehicle.Transcript + "\n" + vehicle.Errors());
        }
    }

    private static string Waypoints(LocalNedFrame frame, GeodeticPosition home, params Vector3[] pointsNedM)
    {
        var text = new System.Text.StringBuilder("QGC WPL 110\n");
        text.Append(CultureInfo.InvariantCulture, $"0\t1\t0\t16\t0\t0\t0\t0\t{home.LatitudeDeg:F8}\t{home.LongitudeDeg:F8}\t{home.HeightM:F2}\t1\n");
        for (int i = 0; i < pointsNedM.Length; i++)
        {
            GeodeticPosition p = frame.FromNed(pointsNedM[i]);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\t0\t3\t16\t0\t0\t0\t0\t{p.LatitudeDeg:F8}\t{p.LongitudeDeg:F8}\t8\t1\n");
        }

        GeodeticPosition end = frame.FromNed(pointsNedM[^1]);
        text.Append(CultureInfo.InvariantCulture, $"{pointsNedM.Length + 1}\t0\t3\t21\t0\t0\t0\t0\t{end.LatitudeDeg:F8}\t{end.LongitudeDeg:F8}\t0\t1\n"); // NAV_LAND at the last waypoint

        return text.ToString();
    }

    private static double Horizontal(Vector3 v) => Math.Sqrt((v.X * v.X) + (v.Y * v.Y));

    /// <summary>The vehicle's truth track from its CSV (columns found by name).</summary>
    private sealed class Track(List<(double TimeS, string Mode, bool Armed, Vector3 TruthNedM)> rows)
    {
        public Vector3 Last => rows[^1].TruthNedM;

        public static Track Read(string path)
        {
            string[] lines = File.ReadAllLines(path);
            string[] header = lines[0].Split(',');
            int t = Array.IndexOf(header, "time_s"), mode = Array.IndexOf(header, "mode"), armed = Array.IndexOf(header, "armed");
            int n = Array.IndexOf(header, "truth_n_m"), e = Array.IndexOf(header, "truth_e_m"), d = Array.IndexOf(header, "truth_d_m");
            var rows = new List<(double, string, bool, Vector3)>(lines.Length);
            foreach (string line in lines.Skip(1))
            {
                string[] f = line.Split(',');
                rows.Add((P(f[t]), f[mode], f[armed] == "1", new Vector3(P(f[n]), P(f[e]), P(f[d]))));
            }

            return new Track(rows);
        }

        /// <summary>
        /// The armed, airborne Hold stretch: how far the truth went from where it began while braking (the first
        /// <paramref name="settleS"/> seconds), how far it moved after that, and how long the hold lasted.
        /// </summary>
        public (double BrakingM, double DriftM, double DurationS) Hold(double settleS)
        {
            var hold = rows.Where(r => r.Armed && r.Mode == "Hold" && -r.TruthNedM.Z > 2).ToList();
            Assert.NotEmpty(hold);
            Vector3 start = hold[0].TruthNedM;
            var settled = hold.Where(r => r.TimeS >= hold[0].TimeS + settleS).ToList();
            Assert.NotEmpty(settled);
            return (hold.Max(r => (r.TruthNedM - start).Length), settled.Max(r => (r.TruthNedM - settled[0].TruthNedM).Length), hold[^1].TimeS - hold[0].TimeS);
        }

        public double WorstDistanceFromPolyline(Vector3[] line, double minAltitudeM)
        {
            double worst = 0;
            foreach (var r in rows.Where(r => r.Armed && -r.TruthNedM.Z > minAltitudeM))
            {
                double best = double.PositiveInfinity;
                for (int i = 0; i + 1 < line.Length; i++)
                {
                    double ax = line[i].X, ay = line[i].Y, dx = line[i + 1].X - ax, dy = line[i + 1].Y - ay;
                    double len2 = (dx * dx) + (dy * dy);
                    double k = len2 > 0 ? Math.Clamp((((r.TruthNedM.X - ax) * dx) + ((r.TruthNedM.Y - ay) * dy)) / len2, 0, 1) : 0;
                    best = Math.Min(best, Math.Sqrt(Math.Pow(r.TruthNedM.X - (ax + (k * dx)), 2) + Math.Pow(r.TruthNedM.Y - (ay + (k * dy)), 2)));
                }

                worst = Math.Max(worst, best);
            }

            return worst;
        }

        private static double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }
}
