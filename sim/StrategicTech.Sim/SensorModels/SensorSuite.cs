using StrategicTech.Navigation.Geodesy;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// All sensor models of one vehicle, each with its own random stream derived from one seed, sampled from the
/// physics truth after every physics step. Latest samples are kept in place; <see cref="Update"/> says which are new.
/// </summary>
public sealed class SensorSuite
{
    private readonly RangeFinderModel? _range;
    private ImuSample _imu;
    private GnssSample _gnss;
    private BaroSample _baro;
    private MagSample _mag;
    private RangeSample _rangeSample;

    public SensorSuite(SensorSuiteParameters parameters, LocalNedFrame homeFrame, FaultSchedule? faults, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Imu = new ImuModel(parameters.Imu, DeterministicRandom.DeriveSeed(seed, 1));
        Gnss = new GnssModel(parameters.Gnss, homeFrame, faults, DeterministicRandom.DeriveSeed(seed, 2));
        Barometer = new BarometerModel(parameters.Baro, homeFrame.Origin.HeightM, DeterministicRandom.DeriveSeed(seed, 3));
        Magnetometer = new MagnetometerModel(parameters.Mag, faults, DeterministicRandom.DeriveSeed(seed, 4));
        _range = parameters.RangeFinder is null ? null : new RangeFinderModel(parameters.RangeFinder, DeterministicRandom.DeriveSeed(seed, 5));
    }

    /// <summary>The parameters the models were built from (injected errors included).</summary>
    public SensorSuiteParameters Parameters { get; }

    public ImuModel Imu { get; }

    public GnssModel Gnss { get; }

    public BarometerModel Barometer { get; }

    public MagnetometerModel Magnetometer { get; }

    public ref readonly ImuSample LatestImu => ref _imu;

    public ref readonly GnssSample LatestGnss => ref _gnss;

    public ref readonly BaroSample LatestBaro => ref _baro;

    public ref readonly MagSample LatestMag => ref _mag;

    public ref readonly RangeSample LatestRange => ref _rangeSample;

    /// <summary>Samples every sensor from the truth after a physics step.</summary>
    public SensorUpdates Update(in VehicleTruth truth)
    {
        SensorUpdates updates = SensorUpdates.None;
        if (Imu.Update(in truth, out ImuSample imu))
        {
            _imu = imu;
            updates |= SensorUpdates.Imu;
        }

        if (Gnss.Update(in truth, out GnssSample gnss))
        {
            _gnss = gnss;
            updates |= SensorUpdates.Gnss;
        }

        if (Barometer.Update(in truth, out BaroSample baro))
        {
            _baro = baro;
            updates |= SensorUpdates.Baro;
        }

        if (Magnetometer.Update(in truth, out MagSample mag))
        {
            _mag = mag;
            updates |= SensorUpdates.Mag;
        }

        if (_range is not null && _range.Update(in truth, out RangeSample range))
        {
            _rangeSample = range;
            updates |= SensorUpdates.Range;
        }

        return updates;
    }
}
