using System.Device.I2c;
using System.Device.Spi;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// Where <see cref="BoardIo"/> gets its buses: the real ones (<see cref="HardwareBoardBuses"/>, System.Device.Gpio)
/// or simulators (hardware-in-the-loop). A method throws when the bus itself cannot be opened (no /dev/i2c-N,
/// no permission); a device that is absent is found later by its driver's identity check.
/// </summary>
public interface IBoardBuses
{
    /// <param name="driver">The board file's driver name of the device at that address (simulators pick their part by it).</param>
    I2cDevice OpenI2c(BusDescription bus, int address, string driver);

    SpiDevice OpenSpi(BusDescription bus, int chipSelect, int clockHz, string driver);

    /// <summary>A byte stream from a device (serial port, or a receiver's SPI port read as a stream), read without blocking.</summary>
    IByteSource OpenStream(BusDescription bus, DeviceDescription device);
}
