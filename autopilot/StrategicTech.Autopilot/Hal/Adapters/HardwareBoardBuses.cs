using System.Device.I2c;
using System.Device.Spi;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The real buses of a Linux board through System.Device.Gpio: <c>/dev/i2c-N</c> (<see cref="I2cDevice.Create"/>),
/// <c>/dev/spidevN.CS</c> (<see cref="SpiDevice.Create"/>, mode 3 as the MPU-9250 and u-blox SPI ports take), and
/// serial ports opened as files and read by a background thread into a <see cref="ByteRing"/>. Line settings of a
/// serial port (baud, parity, inversion) are the system's: set them with <c>stty</c> as hardware/README.md says.
/// </summary>
public sealed class HardwareBoardBuses : IBoardBuses
{
    public I2cDevice OpenI2c(BusDescription bus, int address, string driver)
    {
        ArgumentNullException.ThrowIfNull(bus);
        string path = "/dev/i2c-" + bus.BusNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!File.Exists(path))
        {
            throw new IOException(path + " does not exist (I2C bus not enabled?)");
        }

        return I2cDevice.Create(new I2cConnectionSettings(bus.BusNumber, address));
    }

    public SpiDevice OpenSpi(BusDescription bus, int chipSelect, int clockHz, string driver)
    {
        ArgumentNullException.ThrowIfNull(bus);
        string path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/dev/spidev{bus.BusNumber}.{chipSelect}");
        if (!File.Exists(path))
        {
            throw new IOException(path + " does not exist (SPI not enabled, or no such chip select?)");
        }

        return SpiDevice.Create(new SpiConnectionSettings(bus.BusNumber, chipSelect) { ClockFrequency = clockHz, Mode = SpiMode.Mode3 });
    }

    public IByteSource OpenStream(BusDescription bus, DeviceDescription device)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(device);
        return bus.Kind switch
        {
            BusKind.Serial => new SerialPortReader(bus.DevicePath!),
            BusKind.Spi => new SpiStreamSource(OpenSpi(bus, device.ChipSelect ?? 0, device.SpiClockHz ?? 5_000_000, device.Driver)),
            _ => throw new NotSupportedException($"a byte stream on a {bus.Kind} bus (u-blox DDC over I2C) is not supported; use its UART or SPI port"),
        };
    }
}
