using StrategicTech.Navigation.Estimation.Uav.Buffers;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Brings the delayed estimate to the current time: integrates every IMU sample with the filter's latest biases
/// and keeps the history. When the filter reaches a time the history holds, the difference between the filter and
/// the history at that time is applied to the whole history and to the current output, so the output equals the
/// filter propagated with the newer IMU data (to first order). The history stores entries relative to a running
/// correction (rotation on the left, offsets on velocity and position), so applying a correction to the whole
/// history costs O(1) instead of a pass over it.
/// </summary>
public sealed class OutputPredictor
{
    private readonly RingBuffer<Entry> _history;
    private Quaternion _q = Quaternion.Identity;
    private Vector3 _v;
    private Vector3 _p;

    // Stored entry e maps to the true history value (C_q * e.q, e.v + C_v, e.p + C_p).
    private Quaternion _correctionQ = Quaternion.Identity;
    private Quaternion _correctionQInverse = Quaternion.Identity;
    private Vector3 _correctionV;
    private Vector3 _correctionP;

    public OutputPredictor(int capacity) => _history = new RingBuffer<Entry>(capacity);

    public Quaternion Attitude => _q;

    public Vector3 VelocityNedMps => _v;

    public Vector3 PositionNedM => _p;

    public Vector3 AngularRateRadps { get; private set; }

    public long TimeUs { get; private set; }

    public void Reset(Quaternion attitude, Vector3 velocityNedMps, Vector3 positionNedM, long timeUs)
    {
        _q = attitude;
        _v = velocityNedMps;
        _p = positionNedM;
        TimeUs = timeUs;
        _history.Clear();
        _correctionQ = Quaternion.Identity;
        _correctionQInverse = Quaternion.Identity;
        _correctionV = Vector3.Zero;
        _correctionP = Vector3.Zero;
    }

    public void Integrate(in ImuSample imu, Vector3 gyroBiasRadps, Vector3 accelBiasMps2)
    {
        Vector3 dAng = imu.DeltaAngleRad - (gyroBiasRadps * imu.DtS);
        Vector3 dVel = imu.DeltaVelocityMps - (accelBiasMps2 * imu.DtS);
        AngularRateRadps = dAng / imu.DtS;
        InertialIntegration.Step(ref _q, ref _v, ref _p, dAng, dVel, imu.DtS, out _);
        TimeUs = imu.TimeUs;
        _history.Push(new Entry(imu.TimeUs, _correctionQInverse * _q, _v - _correctionV, _p - _correctionP));
    }

    /// <summary>Aligns the output history with the filter state at <paramref name="timeUs"/>.</summary>
    public void Correct(long timeUs, Quaternion attitude, Vector3 velocityNedMps, Vector3 positionNedM)
    {
        while (_history.Count > 0 && _history.PeekOldest().TimeUs < timeUs)
        {
            _history.DropOldest();
        }

        if (_history.Count == 0 || _history.PeekOldest().TimeUs != timeUs)
        {
            return;
        }

        ref readonly Entry at = ref _history.PeekOldest();
        Quaternion historyQ = _correctionQ * at.Attitude;
        Quaternion dq = attitude * historyQ.Conjugate();
        Vector3 dv = velocityNedMps - (at.VelocityNedMps + _correctionV);
        Vector3 dp = positionNedM - (at.PositionNedM + _correctionP);
        _correctionQ = (dq * _correctionQ).Normalized();
        _correctionQInverse = _correctionQ.Conjugate();
        _correctionV += dv;
        _correctionP += dp;
        _q = (dq * _q).Normalized();
        _v += dv;
        _p += dp;
        _history.DropOldest();
    }

    private readonly record struct Entry(long TimeUs, Quaternion Attitude, Vector3 VelocityNedMps, Vector3 PositionNedM);
}
