namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// Whether the estimator has settled enough to arm: GNSS and baro fused without a break for a settle time. A break
/// restarts the wait. Fed once per position update.
/// </summary>
public sealed class ArmingReadiness(long settleUs)
{
    private long _fusingSinceUs = -1;

    public long SettleUs { get; } = settleUs >= 0 ? settleUs : throw new ArgumentOutOfRangeException(nameof(settleUs), settleUs, "settle time must be ≥ 0 µs");

    /// <summary>Records whether the estimator fuses GNSS and baro at <paramref name="timeUs"/>.</summary>
    public void Update(long timeUs, bool fusing) => _fusingSinceUs = !fusing ? -1 : _fusingSinceUs < 0 ? timeUs : _fusingSinceUs;

    /// <summary>True once fusion has lasted <see cref="SettleUs"/> up to <paramref name="nowUs"/>.</summary>
    public bool IsReady(long nowUs) => _fusingSinceUs >= 0 && nowUs - _fusingSinceUs >= SettleUs;
}
