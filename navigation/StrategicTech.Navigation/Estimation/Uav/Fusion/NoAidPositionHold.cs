namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// On the ground while nothing observes horizontal position (before the GNSS origin or without GNSS) a weak
/// synthetic observation holds the horizontal position where it was, so velocity and tilt errors stay bounded.
/// </summary>
public sealed class NoAidPositionHold
{
    private readonly UavEkfParameters _parameters;

    public NoAidPositionHold(UavEkfParameters parameters) => _parameters = parameters;

    public bool IsActive { get; private set; }

    public double HoldNorthM { get; private set; }

    public double HoldEastM { get; private set; }

    public void Start(UavFilterCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        HoldNorthM = core.PositionNedM.X;
        HoldEastM = core.PositionNedM.Y;
        IsActive = true;
    }

    public void Stop() => IsActive = false;

    public void Fuse(UavFilterCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        double variance = _parameters.NoAidPositionNoiseM * _parameters.NoAidPositionNoiseM;
        Span<int> index = [UavErrorIndex.Position];
        Span<double> h = [1.0];
        core.FuseScalar(index, h, HoldNorthM - core.PositionNedM.X, variance);
        index[0] = UavErrorIndex.Position + 1;
        core.FuseScalar(index, h, HoldEastM - core.PositionNedM.Y, variance);
    }
}
