using StrategicTech.Drivers.Sensors.Simulation;

namespace StrategicTech.Drivers.Sensors.Pca9685;

/// <summary>
/// A simulated PCA9685: register file with auto-increment, PRE_SCALE writable only in sleep (as the datasheet
/// says), and the output pulse each channel would produce.
/// </summary>
public sealed class Pca9685Simulator : I2cRegisterSimulator
{
    public Pca9685Simulator(int busId = 1, int address = Pca9685.DefaultAddress, double oscillatorHz = Pca9685.InternalOscillatorHz)
        : base(busId, address)
    {
        OscillatorHz = oscillatorHz;
        this[(int)Register.Mode1] = Mode1Bits.Sleep | Mode1Bits.AllCall; // power-on default 0x11
        this[(int)Register.PreScale] = 0x1E; // power-on default: 200 Hz
    }

    public double OscillatorHz { get; }

    /// <summary>PRE_SCALE writes refused because the part was awake.</summary>
    public int IgnoredPrescaleWrites { get; private set; }

    public double FrequencyHz => OscillatorHz / (4096.0 * (this[(int)Register.PreScale] + 1));

    public int OnCount(int channel) => Word((int)Register.Led0OnL + (4 * channel));

    public int OffCount(int channel) => Word((int)Register.Led0OnL + (4 * channel) + 2);

    /// <summary>High time of a channel's output, microseconds (OFF − ON counts of a 4096-count period).</summary>
    public double PulseWidthUs(int channel) => (OffCount(channel) - OnCount(channel)) / 4096.0 / FrequencyHz * 1e6;

    protected override void OnWrite(int register, byte value)
    {
        if (register == (int)Register.PreScale && (this[(int)Register.Mode1] & Mode1Bits.Sleep) == 0)
        {
            IgnoredPrescaleWrites++;
            return;
        }

        if (register is >= (int)Register.AllLedOnL and < (int)Register.AllLedOnL + 4)
        {
            // ALL_LED registers write the same byte into every channel's matching register.
            for (int ch = 0; ch < Pca9685.ChannelCount; ch++)
            {
                base.OnWrite((int)Register.Led0OnL + (4 * ch) + (register - (int)Register.AllLedOnL), value);
            }
        }

        base.OnWrite(register, value);
    }

    private int Word(int low) => this[low] | ((this[low + 1] & 0x0F) << 8);
}
