using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Hard touchdown and ground strike: an accelerometer sample whose specific force exceeds
/// <see cref="ImpactSpecificForceMps2"/> (or that clipped) while the vehicle was moving faster than
/// <see cref="HardImpactSpeedMps"/> just before. The shock names the moment of contact (flight never pulls several g;
/// a normal touchdown does jolt, so the shock alone is not enough), the speed tells hard from normal: the estimate's
/// speed is taken as the largest of the last <see cref="SpeedWindowUpdates"/> position updates, because the shock
/// itself corrects the estimate to rest within a sample. Total speed, not the vertical part only, so a vehicle flown
/// into the ground is caught as well as one that drops onto it. Latched until <see cref="Reset"/> (at arming).
/// No allocation.
/// </summary>
public sealed class ImpactDetector
{
    /// <summary>Position updates (50 Hz) whose speeds are remembered: 0.2 s.</summary>
    public const int SpeedWindowUpdates = 10;

    private readonly double[] _recentSpeedsMps = new double[SpeedWindowUpdates];
    private int _next;

    public ImpactDetector(double impactSpecificForceMps2 = 4 * 9.80665, double hardImpactSpeedMps = 2.0)
    {
        ParameterCheck.InRange(impactSpecificForceMps2, 15, 1000, nameof(ImpactDetector), nameof(impactSpecificForceMps2));
        ParameterCheck.InRange(hardImpactSpeedMps, 0.5, 20, nameof(ImpactDetector), nameof(hardImpactSpeedMps));
        ImpactSpecificForceMps2 = impactSpecificForceMps2;
        HardImpactSpeedMps = hardImpactSpeedMps;
    }

    /// <summary>Specific force (m/s²) above which an accelerometer sample is a shock (4 g by default).</summary>
    public double ImpactSpecificForceMps2 { get; }

    /// <summary>Speed before a shock (m/s) above which it is a hard impact (2 m/s by default, four times a landing's descent).</summary>
    public double HardImpactSpeedMps { get; }

    /// <summary>A hard impact was seen since the last <see cref="Reset"/>.</summary>
    public bool Detected { get; private set; }

    /// <summary>Time of the impact (µs; 0 while none).</summary>
    public long DetectedAtUs { get; private set; }

    /// <summary>The speed before the impact (m/s; 0 while none).</summary>
    public double ImpactSpeedMps { get; private set; }

    /// <summary>The largest specific force seen in a shock sample (m/s²), for the log.</summary>
    public double PeakSpecificForceMps2 { get; private set; }

    public void Reset()
    {
        Array.Clear(_recentSpeedsMps);
        _next = 0;
        Detected = false;
        DetectedAtUs = 0;
        ImpactSpeedMps = 0;
        PeakSpecificForceMps2 = 0;
    }

    /// <summary>At each position update: the estimated velocity (NED, m/s).</summary>
    public void OnVelocity(Vector3 velocityNedMps)
    {
        _recentSpeedsMps[_next] = velocityNedMps.IsFinite ? velocityNedMps.Length : 0;
        _next = (_next + 1) % SpeedWindowUpdates;
    }

    /// <summary>At each accelerometer sample while armed: its specific force (m/s², body) and whether it clipped.</summary>
    public void OnAccelerometer(long timeUs, Vector3 specificForceMps2, bool clipped)
    {
        double magnitude = specificForceMps2.IsFinite ? specificForceMps2.Length : double.PositiveInfinity;
        if (Detected || (!clipped && !(magnitude > ImpactSpecificForceMps2)))
        {
            return;
        }

        double speed = 0;
        for (int i = 0; i < _recentSpeedsMps.Length; i++)
        {
            speed = Math.Max(speed, _recentSpeedsMps[i]);
        }

        PeakSpecificForceMps2 = Math.Max(PeakSpecificForceMps2, double.IsFinite(magnitude) ? magnitude : 0);
        if (speed > HardImpactSpeedMps)
        {
            Detected = true;
            DetectedAtUs = timeUs;
            ImpactSpeedMps = speed;
        }
    }
}
