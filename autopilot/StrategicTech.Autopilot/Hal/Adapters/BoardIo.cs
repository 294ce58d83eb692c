using System.Globalization;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Sensors.Ak09916;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Crsf;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Drivers.Sensors.Ms5611;
using StrategicTech.Drivers.Sensors.Pca9685;
using StrategicTech.Drivers.Sensors.Sbus;
using StrategicTech.Drivers.Sensors.SysfsPwm;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.Drivers.Sensors.Vl53l1x;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// A board file made real: every device opened on its bus (through <see cref="IBoardBuses"/>), its driver initialized
/// (identity, calibration, configuration read-back) and wrapped in its <see cref="Hal"/> adapter; the PWM stage
/// becomes the motor sink in the board's motor order. <see cref="Probes"/> says for each device whether it answered
/// and, if not, why; <see cref="Io"/> exists only when every device did. Start-up only (allocates, may sleep for
/// datasheet reset times); the adapters it builds allocate nothing per read.
/// </summary>
public sealed class BoardIo : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<DeviceProbe> _probes = [];

    private BoardIo(BoardDescription board)
    {
        Board = board;
    }

    public BoardDescription Board { get; }

    public IReadOnlyList<DeviceProbe> Probes => _probes;

    public IEnumerable<DeviceProbe> Missing => _probes.Where(p => !p.Present);

    public bool AllPresent => _probes.TrueForAll(p => p.Present);

    /// <summary>The vehicle's sources and sinks; null when a device is missing or a required one (IMU, GNSS, baro) is not on the board.</summary>
    public VehicleIo? Io { get; private set; }

    public Mpu9250ImuSource? Imu { get; private set; }

    public Ms5611BarometerSource? Barometer { get; private set; }

    public Ak09916MagnetometerSource? Magnetometer { get; private set; }

    public UbloxGnssSource? Gnss { get; private set; }

    public SerialRcInput? Rc { get; private set; }

    public Vl53l1xRangeSource? RangeFinder { get; private set; }

    public PwmMotorSink? Motors { get; private set; }

    /// <summary>Opens, probes and binds every device of <paramref name="board"/>.</summary>
    /// <param name="fastStart">Skip the MPU-9250's 100 ms reset wait (simulated parts need none).</param>
    public static BoardIo Open(BoardDescription board, IBoardBuses buses, IClock clock, bool fastStart = false)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(clock);
        var io = new BoardIo(board);
        foreach (DeviceDescription device in board.Devices)
        {
            io.OpenDevice(device, buses, clock, fastStart);
        }

        io.OpenPwm(buses);
        if (io.AllPresent && io.Imu is not null && io.Gnss is not null && io.Barometer is not null && io.Motors is not null)
        {
            io.Io = new VehicleIo(io.Imu, io.Gnss, io.Barometer, io.Motors) { Magnetometer = io.Magnetometer, RangeFinder = io.RangeFinder, Rc = io.Rc };
        }

        return io;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    private static string Hex(int value) => "0x" + value.ToString("X2", CultureInfo.InvariantCulture);

    private static string Location(BusDescription bus, DeviceDescription device) => bus.Kind switch
    {
        BusKind.I2c => string.Create(CultureInfo.InvariantCulture, $"(/dev/i2c-{bus.BusNumber} address {Hex(device.Address ?? 0)})"),
        BusKind.Spi => string.Create(CultureInfo.InvariantCulture, $"(/dev/spidev{bus.BusNumber}.{device.ChipSelect ?? 0})"),
        _ => "(" + bus.DevicePath + ")",
    };

    private static string Reason(SensorHealth health) => health.LastFault switch
    {
        SensorFault.BusError => "no answer on the bus (not connected, wrong address or chip select)",
        SensorFault.BadIdentity => "wrong identity (WHO_AM_I / device id) or configuration not read back: another part, or MISO/SDA stuck",
        SensorFault.BadCalibration => "calibration PROM failed its CRC",
        SensorFault.NoData => "answered but never became ready (not booted, or no measurement)",
        SensorFault.None => "did not initialize",
        _ => health.LastFault.ToString(),
    };

    private void OpenDevice(DeviceDescription device, IBoardBuses buses, IClock clock, bool fastStart)
    {
        BusDescription bus = Board.BusOf(device);
        string location = Location(bus, device);
        string problem;
        try
        {
            problem = device.Driver switch
            {
                "mpu9250" => OpenMpu9250(device, bus, buses, clock, fastStart),
                "ms5611" => OpenMs5611(device, bus, buses, clock),
                "ak09916" => OpenAk09916(device, bus, buses, clock),
                "ublox" or "nmea" => OpenGnss(device, bus, buses, clock),
                "sbus" or "crsf" => OpenRc(device, bus, buses, clock),
                "vl53l1x" => OpenVl53l1x(device, bus, buses, clock),
                _ => "no adapter for driver '" + device.Driver + "' yet",
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            problem = "cannot open the bus: " + e.Message;
        }

        _probes.Add(new DeviceProbe(device.Id, device.Driver, bus.Id, location, problem.Length == 0, problem));
    }

    private string OpenMpu9250(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock, bool fastStart)
    {
        // Register writes at ≤ 1 MHz (the datasheet's limit for configuration), FIFO reads at the board's clock.
        var configuration = buses.OpenSpi(bus, device.ChipSelect ?? 0, 1_000_000, device.Driver);
        var data = buses.OpenSpi(bus, device.ChipSelect ?? 0, device.SpiClockHz ?? 10_000_000, device.Driver);
        var settings = new Mpu9250Settings { ResetDelayMs = fastStart ? 0 : 100 };
        var imu = new Mpu9250(data, settings, configuration);
        _owned.Add(imu);
        if (!imu.Initialize())
        {
            return Reason(imu.Health);
        }

        Imu ??= new Mpu9250ImuSource(imu, device.Rotation, clock, settings.SamplePeriodUs);
        return string.Empty;
    }

    private string OpenMs5611(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock)
    {
        var baro = new Ms5611(buses.OpenI2c(bus, device.Address ?? Ms5611.DefaultAddress, device.Driver));
        _owned.Add(baro);
        if (!baro.Initialize())
        {
            return Reason(baro.Health);
        }

        Barometer ??= new Ms5611BarometerSource(baro, clock);
        return string.Empty;
    }

    private string OpenAk09916(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock)
    {
        var mag = new Ak09916(buses.OpenI2c(bus, device.Address ?? Ak09916.DefaultAddress, device.Driver));
        _owned.Add(mag);
        if (!mag.Initialize())
        {
            return Reason(mag.Health);
        }

        Magnetometer ??= new Ak09916MagnetometerSource(mag, device.Rotation, clock);
        return string.Empty;
    }

    private string OpenVl53l1x(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock)
    {
        var range = new Vl53l1x(buses.OpenI2c(bus, device.Address ?? Vl53l1x.DefaultAddress, device.Driver));
        _owned.Add(range);
        if (!range.Initialize())
        {
            return Reason(range.Health);
        }

        RangeFinder ??= new Vl53l1xRangeSource(range, clock);
        return string.Empty;
    }

    /// <summary>u-blox UBX, or a plain NMEA receiver: <see cref="UbloxReceiver"/> parses NMEA on the same stream when no NAV-PVT arrives.</summary>
    private string OpenGnss(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock)
    {
        IByteSource stream = buses.OpenStream(bus, device);
        if (stream is IDisposable disposable)
        {
            _owned.Add(disposable);
        }

        Gnss ??= new UbloxGnssSource(new UbloxReceiver(), stream, clock);
        return string.Empty;
    }

    private string OpenRc(DeviceDescription device, BusDescription bus, IBoardBuses buses, IClock clock)
    {
        IByteSource stream = buses.OpenStream(bus, device);
        if (stream is IDisposable disposable)
        {
            _owned.Add(disposable);
        }

        Rc ??= device.Driver == "sbus" ? SerialRcInput.Sbus(new SbusParser(), stream, clock) : SerialRcInput.Crsf(new CrsfParser(), stream, clock);
        return string.Empty;
    }

    private void OpenPwm(IBoardBuses buses)
    {
        PwmDescription pwm = Board.Pwm;
        var channelOfMotor = new int[Board.Motors.Count];
        foreach (MotorDescription motor in Board.Motors)
        {
            channelOfMotor[motor.Number - 1] = motor.Channel;
        }

        string problem = string.Empty;
        string busId = pwm.Bus ?? "sysfs";
        string location;
        if (pwm.Driver == "pca9685")
        {
            BusDescription bus = Board.Buses.First(b => b.Id == pwm.Bus);
            int address = pwm.Address ?? Pca9685.DefaultAddress;
            location = string.Create(CultureInfo.InvariantCulture, $"(/dev/i2c-{bus.BusNumber} address {Hex(address)})");
            try
            {
                var pca = new Pca9685(buses.OpenI2c(bus, address, pwm.Driver));
                _owned.Add(pca);
                if (pca.Initialize(pwm.FrequencyHz))
                {
                    Motors = PwmMotorSink.OnPca9685(pca, channelOfMotor);
                }
                else
                {
                    problem = Reason(pca.Health);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException)
            {
                problem = "cannot open the bus: " + e.Message;
            }
        }
        else
        {
            location = string.Create(CultureInfo.InvariantCulture, $"({SysfsPwmChannel.DefaultRoot}/pwmchip{pwm.Chip ?? 0})");
            var channels = new List<SysfsPwmChannel>();
            long periodNs = (long)Math.Round(1e9 / pwm.FrequencyHz);
            foreach (int channel in channelOfMotor)
            {
                var output = new SysfsPwmChannel(pwm.Chip ?? 0, channel);
                _owned.Add(output);
                if (!output.Open(periodNs))
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"PWM channel {channel} cannot be exported/enabled (no such pwmchip, or no permission)");
                    break;
                }

                channels.Add(output);
            }

            if (problem.Length == 0)
            {
                Motors = PwmMotorSink.OnSysfs(channels);
            }
        }

        _probes.Add(new DeviceProbe("pwm", pwm.Driver, busId, location, problem.Length == 0, problem));
    }
}
