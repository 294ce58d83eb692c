using System.Device.I2c;
using System.Device.Spi;
using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Drivers.Sensors.Ak09916;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Drivers.Sensors.Ms5611;
using StrategicTech.Drivers.Sensors.Pca9685;
using StrategicTech.Drivers.Sensors.Vl53l1x;

namespace StrategicTech.Sim.Hil;

/// <summary>
/// The buses of a board file with a register simulator in place of each part (the drivers' own simulators:
/// <see cref="Mpu9250Simulator"/>, <see cref="Ms5611Simulator"/>, <see cref="Ak09916Simulator"/>, <see cref="Vl53l1xSimulator"/>,
/// <see cref="Pca9685Simulator"/>), and a <see cref="ByteRing"/> in place of each serial receiver. The same chip select
/// opened twice (the MPU-9250's configuration and data speeds) is the same simulated part.
/// </summary>
public sealed class SimulatedBoardBuses : IBoardBuses
{
    /// <summary>The MS5611 datasheet's example PROM coefficients C1..C6 (the simulated part's factory calibration).</summary>
    public static readonly Ms5611Calibration DatasheetCalibration = new(40127, 36924, 23317, 23282, 33464, 28312);

    private readonly Dictionary<(string Bus, int Select), SpiDevice> _spi = [];

    public Mpu9250Simulator? Imu { get; private set; }

    public Ms5611Simulator? Barometer { get; private set; }

    public Ak09916Simulator? Magnetometer { get; private set; }

    public Pca9685Simulator? Pwm { get; private set; }

    public Vl53l1xSimulator? RangeFinder { get; private set; }

    /// <summary>The simulated GNSS receiver's output stream (UBX written by the binding, read by the driver).</summary>
    public ByteRing? GnssStream { get; private set; }

    public I2cDevice OpenI2c(BusDescription bus, int address, string driver)
    {
        ArgumentNullException.ThrowIfNull(bus);
        switch (driver)
        {
            case "ms5611":
                return Barometer ??= new Ms5611Simulator(Ms5611Simulator.BuildProm(DatasheetCalibration), bus.BusNumber, address);
            case "ak09916":
                return Magnetometer ??= new Ak09916Simulator(bus.BusNumber, address);
            case "vl53l1x":
                return RangeFinder ??= new Vl53l1xSimulator(bus.BusNumber, address);
            case "pca9685":
                return Pwm ??= new Pca9685Simulator(bus.BusNumber, address);
            default:
                throw new NotSupportedException("no register simulator for I2C driver '" + driver + "'");
        }
    }

    public SpiDevice OpenSpi(BusDescription bus, int chipSelect, int clockHz, string driver)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (driver != "mpu9250")
        {
            throw new NotSupportedException("no register simulator for SPI driver '" + driver + "'");
        }

        if (!_spi.TryGetValue((bus.Id, chipSelect), out SpiDevice? device))
        {
            Imu ??= new Mpu9250Simulator();
            device = Imu;
            _spi[(bus.Id, chipSelect)] = device;
        }

        return device;
    }

    public IByteSource OpenStream(BusDescription bus, DeviceDescription device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Driver == "ublox")
        {
            return GnssStream ??= new ByteRing(8192);
        }

        // RC receivers: nobody transmits in a scenario; the stream stays empty, as an unbound receiver's would.
        return new ByteRing(256);
    }
}
