using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.SensorModels;
using Measured = StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.Hil;

/// <summary>
/// Hardware-in-the-loop on simulated buses: the vehicle reads the real drivers (MPU-9250 FIFO over SPI, MS5611
/// conversions and PROM over I2C, AK09916 over I2C, VL53L1X over I2C, u-blox UBX stream) through the <see cref="BoardIo"/> adapters,
/// exactly as on the board, while the drivers' register simulators are fed from the SITL physics: each new sensor-model
/// sample (noise, bias, iron, delay included) is turned back into the chip's own axes with the inverse of the board's
/// mounting rotation and into its raw encoding (the simulators quantize with the configured scale; MS5611 raw words
/// solved from its PROM; GNSS encoded as UBX-NAV-PVT). The motor commands the physics takes are the PCA9685
/// simulator's pulse widths, 1000..2000 µs → 0..1, in the board's motor order. No allocation per tick.
/// </summary>
public sealed class SimulatedBusBinding : ISitlIoBinding, IDisposable
{
    private const double TeslaPerGauss = 1e-4;
    private const double ImuTemperatureC = 35.0;
    private const double RangeFinderMaxM = 4.0;

    private readonly SitlBindingContext _context;
    private readonly SimulatedBoardBuses _buses;
    private readonly BoardIo _board;
    private readonly Matrix3 _bodyToImu;
    private readonly Matrix3 _bodyToMag;
    private readonly int[] _channelOfMotor;
    private readonly double[] _motorCommands;
    private readonly byte[] _navPvt = new byte[UbxNavPvt.PayloadLength];
    private readonly byte[] _frame = new byte[UbxNavPvt.PayloadLength + UbxWriter.Overhead];

    private SimulatedBusBinding(SitlBindingContext context, BoardDescription board, SimulatedBoardBuses buses, BoardIo io)
    {
        _context = context;
        _buses = buses;
        _board = io;
        Io = io.Io!;
        _bodyToImu = RotationOf(board, "mpu9250").SensorToBody().Transpose();
        _bodyToMag = RotationOf(board, "ak09916").SensorToBody().Transpose();
        _channelOfMotor = new int[board.Motors.Count];
        foreach (MotorDescription motor in board.Motors)
        {
            _channelOfMotor[motor.Number - 1] = motor.Channel;
        }

        _motorCommands = new double[context.MotorCount];
    }

    public VehicleIo Io { get; }

    public BoardIo Board => _board;

    public SimulatedBoardBuses Buses => _buses;

    public ReadOnlySpan<double> MotorCommands
    {
        get
        {
            Drivers.Sensors.Pca9685.Pca9685Simulator pwm = _buses.Pwm!;
            for (int i = 0; i < _motorCommands.Length; i++)
            {
                double pulseUs = pwm.PulseWidthUs(_channelOfMotor[i]);
                _motorCommands[i] = Math.Clamp((pulseUs - 1000.0) / 1000.0, 0, 1);
            }

            return _motorCommands;
        }
    }

    /// <summary>
    /// Checks that <paramref name="board"/> can run on simulated buses against an airframe with
    /// <paramref name="motorCount"/> motors; the problems, or an empty list.
    /// </summary>
    public static IReadOnlyList<string> Check(BoardDescription board, int motorCount)
    {
        ArgumentNullException.ThrowIfNull(board);
        var problems = new List<string>();
        if (board.Pwm.Driver != "pca9685")
        {
            problems.Add($"board '{board.Name}': pwm driver '{board.Pwm.Driver}' has no simulator; --sim-buses simulates a PCA9685 output stage");
        }

        if (board.Motors.Count != motorCount)
        {
            problems.Add($"board '{board.Name}': {board.Motors.Count} motors ({board.Frame}) but the scenario's airframe has {motorCount}");
        }

        foreach (string required in (string[])["mpu9250", "ms5611", "ublox"])
        {
            if (!board.Devices.Any(d => d.Driver == required))
            {
                problems.Add($"board '{board.Name}': no '{required}' device; the vehicle needs an IMU, a barometer and a GNSS receiver");
            }
        }

        return problems;
    }

    /// <summary>A binding factory for <see cref="ScenarioRunOptions"/>-style use: one simulated board per vehicle.</summary>
    public static Func<SitlBindingContext, ISitlIoBinding> Factory(BoardDescription board) => context => Create(board, context);

    /// <summary>Builds the simulated buses, opens the board's drivers on them and binds the vehicle's sources and motors.</summary>
    public static SimulatedBusBinding Create(BoardDescription board, SitlBindingContext context)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<string> problems = Check(board, context.MotorCount);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var buses = new SimulatedBoardBuses();
        BoardIo io = BoardIo.Open(board, buses, context.Clock, fastStart: true);
        if (io.Io is null)
        {
            string missing = string.Join("; ", io.Missing);
            io.Dispose();
            throw new InvalidOperationException("simulated board did not come up: " + missing);
        }

        return new SimulatedBusBinding(context, board, buses, io);
    }

    public void Sample()
    {
        SensorSuite suite = _context.Sensors;
        SensorUpdates updates = suite.Update(in _context.Physics.Truth);
        if ((updates & SensorUpdates.Imu) != 0)
        {
            ref readonly Measured.ImuSample imu = ref suite.LatestImu;
            double perS = 1.0 / imu.DtS;
            _buses.Imu!.Push(_bodyToImu * (imu.DeltaVelocityFrdMps * perS), _bodyToImu * (imu.DeltaAngleFrdRad * perS), ImuTemperatureC);
        }

        if ((updates & SensorUpdates.Baro) != 0)
        {
            ref readonly Measured.BaroSample baro = ref suite.LatestBaro;
            _buses.Barometer!.SetMeasurement(baro.PressurePa, baro.TemperatureC);
        }

        if ((updates & SensorUpdates.Mag) != 0 && _buses.Magnetometer is { } mag)
        {
            mag.Push(_bodyToMag * (suite.LatestMag.FieldFrdGauss * TeslaPerGauss));
        }

        if ((updates & SensorUpdates.Range) != 0 && _buses.RangeFinder is { } range)
        {
            // The model's range finder reaches 12 m; the VL53L1X in long mode 4 m: beyond that it reports a signal failure.
            ref readonly Measured.RangeSample r = ref suite.LatestRange;
            range.Push(r.DistanceM, r.Valid && r.DistanceM <= RangeFinderMaxM);
        }

        if ((updates & SensorUpdates.Gnss) != 0)
        {
            WriteNavPvt(in suite.LatestGnss);
        }
    }

    public void Dispose() => _board.Dispose();

    private static SensorRotation RotationOf(BoardDescription board, string driver)
    {
        foreach (DeviceDescription d in board.Devices)
        {
            if (d.Driver == driver)
            {
                return d.Rotation;
            }
        }

        return SensorRotation.None;
    }

    private void WriteNavPvt(in Measured.GnssSample gnss)
    {
        GnssFixType fixType = gnss.FixType switch
        {
            Measured.GnssFixType.Fix3D => GnssFixType.Fix3D,
            Measured.GnssFixType.Fix2D => GnssFixType.Fix2D,
            _ => GnssFixType.NoFix,
        };
        Vector3 v = gnss.VelocityNedMps;
        var fix = new GnssFix
        {
            FixType = fixType,
            FixOk = fixType >= GnssFixType.Fix2D,
            SatellitesUsed = gnss.Satellites,
            LatitudeDeg = gnss.LatitudeDeg,
            LongitudeDeg = gnss.LongitudeDeg,
            HeightEllipsoidM = gnss.AltitudeM,
            HeightMslM = gnss.AltitudeM, // no geoid model in the simulator: MSL = ellipsoid
            HasAccuracy = true,
            HorizontalAccuracyM = gnss.EphM,
            VerticalAccuracyM = gnss.EpvM,
            SpeedAccuracyMps = gnss.SpeedAccuracyMps,
            HasVelocity = true,
            VelocityNedMps = v,
            GroundSpeedMps = Math.Sqrt((v.X * v.X) + (v.Y * v.Y)),
            CourseRad = Math.Atan2(v.Y, v.X),
        };
        uint timeOfWeekMs = (uint)(gnss.TimeUs / 1000 % (7L * 24 * 3600 * 1000));
        UbxNavPvt.Encode(in fix, timeOfWeekMs, _navPvt);
        int length = UbxWriter.WriteFrame(_frame, UbxMessageId.ClassNav, UbxMessageId.NavPvt, _navPvt);
        _buses.GnssStream!.Write(_frame.AsSpan(0, length));
    }
}
