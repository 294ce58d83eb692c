using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;
using Driver = StrategicTech.Drivers.Sensors.Mpu9250.Mpu9250;

namespace StrategicTech.Drivers.Sensors.Tests.Mpu9250;

public sealed class Mpu9250Tests
{
    private static readonly Mpu9250Settings NoDelay = new() { ResetDelayMs = 0 };

    [Fact]
    public void Initialize_configures_fifo_ranges_and_1khz_rate_on_the_register_file()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);

        Assert.True(imu.Initialize());
        Assert.Equal(0x18, sim.RegisterValue(Register.GyroConfig)); // ±2000 °/s
        Assert.Equal(0x18, sim.RegisterValue(Register.AccelConfig)); // ±16 g
        Assert.Equal(0, sim.RegisterValue(Register.SmplrtDiv)); // 1 kHz
        Assert.Equal(0x41, sim.RegisterValue(Register.Config)); // stop-when-full FIFO, DLPF 184 Hz
        Assert.Equal(0xF8, sim.RegisterValue(Register.FifoEn));
        Assert.Equal(0x50, sim.RegisterValue(Register.UserCtrl)); // FIFO on, I2C interface off
        Assert.True(imu.Health.IsHealthy);
    }

    [Fact]
    public void Register_writes_go_through_the_slow_configuration_device_and_fifo_bursts_through_the_fast_one()
    {
        var fast = new Mpu9250Simulator();
        var slow = new CountingSpi(fast);
        var imu = new Driver(fast, NoDelay, configurationSpi: slow);

        Assert.True(imu.Initialize());
        Assert.Equal(12, slow.Writes); // reset, clock select, 8 configuration registers, FIFO reset, FIFO enable
        Assert.Equal(4, slow.Reads); // WHO_AM_I and three read-backs
        fast.PushRaw(1, 2, 3, 4, 5, 6, 7);
        Assert.True(imu.TryReadFifo(0, new ImuReading[4], out _));
        Assert.Equal(4, slow.Reads);
    }

    /// <summary>Forwards to the simulator and counts the transfers (stands for the same chip select at 1 MHz).</summary>
    private sealed class CountingSpi(Mpu9250Simulator target) : System.Device.Spi.SpiDevice
    {
        public int Writes { get; private set; }
        public int Reads { get; private set; }

        public override System.Device.Spi.SpiConnectionSettings ConnectionSettings => target.ConnectionSettings;

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            Reads++;
            target.TransferFullDuplex(writeBuffer, readBuffer);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            target.Write(buffer);
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Read(Span<byte> buffer) => target.Read(buffer);

        public override byte ReadByte() => target.ReadByte();
    }

    [Fact]
    public void Datasheet_scale_factors_2048_lsb_per_g_and_16_4_lsb_per_dps_and_temperature_formula()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());

        // ±16 g: 2048 LSB/g; ±2000 °/s: 16.4 LSB/(°/s); TEMP: raw/333.87 + 21 °C.
        sim.PushRaw(2048, -4096, 1024, 3339, 164, -1640, 0);
        Span<ImuReading> samples = stackalloc ImuReading[4];
        Assert.True(imu.TryReadFifo(5_000, samples, out int count));

        Assert.Equal(1, count);
        ImuReading s = samples[0];
        Assert.Equal(5_000, s.TimeUs);
        Assert.Equal(9.80665, s.AccelerationMps2.X, 12);
        Assert.Equal(-2 * 9.80665, s.AccelerationMps2.Y, 12);
        Assert.Equal(0.5 * 9.80665, s.AccelerationMps2.Z, 12);
        Assert.Equal(10.0 * Math.PI / 180.0, s.AngularRateRadps.X, 12);
        Assert.Equal(-100.0 * Math.PI / 180.0, s.AngularRateRadps.Y, 12);
        Assert.Equal((3339 / 333.87) + 21.0, s.TemperatureC, 12);
    }

    [Fact]
    public void Fifo_burst_of_32_samples_keeps_order_and_stamps_them_1ms_apart()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        for (short i = 0; i < 32; i++)
        {
            sim.PushRaw(i, (short)(i * 2), (short)(-i), 0, (short)(100 + i), 0, 0);
        }

        var samples = new ImuReading[40];
        Assert.True(imu.TryReadFifo(1_000_000, samples, out int count));

        Assert.Equal(32, count);
        Assert.Equal(0, sim.FifoCount);
        for (int i = 0; i < 32; i++)
        {
            Assert.Equal(1_000_000 - ((31 - i) * 1000), samples[i].TimeUs);
            Assert.Equal(i * imu.Scale.AccelerationMps2PerLsb, samples[i].AccelerationMps2.X, 12);
            Assert.Equal((100 + i) * imu.Scale.AngularRateRadpsPerLsb, samples[i].AngularRateRadps.X, 12);
        }
    }

    [Fact]
    public void Si_samples_pushed_through_the_simulator_come_back_within_one_count()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        var accel = new Vector3(0.3, -0.2, -9.81);
        var gyro = new Vector3(0.01, -0.5, 2.0);
        sim.Push(accel, gyro, 35.0);

        Span<ImuReading> samples = stackalloc ImuReading[1];
        Assert.True(imu.TryReadFifo(0, samples, out _));
        Assert.True((samples[0].AccelerationMps2 - accel).Length <= imu.Scale.AccelerationMps2PerLsb);
        Assert.True((samples[0].AngularRateRadps - gyro).Length <= imu.Scale.AngularRateRadpsPerLsb);
        Assert.Equal(35.0, samples[0].TemperatureC, 2); // quantized to 1/333.87 °C
    }

    [Fact]
    public void Accelerometer_at_full_scale_is_flagged_clipped()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        sim.PushRaw(100, 200, 300, 0, 0, 0, 0);
        sim.Push(new Vector3(0, 0, -20 * 9.80665), Vector3.Zero, 25); // 20 g on a ±16 g range saturates
        var samples = new ImuReading[2];

        Assert.True(imu.TryReadFifo(0, samples, out int count));
        Assert.Equal(2, count);
        Assert.False(samples[0].AccelerometerClipped);
        Assert.True(samples[1].AccelerometerClipped);
        Assert.Equal(-16 * 9.80665, samples[1].AccelerationMps2.Z, 12);
    }

    [Fact]
    public void Wrong_who_am_i_is_a_bad_identity_fault_and_reads_are_refused()
    {
        var sim = new Mpu9250Simulator(whoAmI: 0x68);
        var imu = new Driver(sim, NoDelay);

        Assert.False(imu.Initialize());
        Assert.Equal(1, imu.Health.BadIdentities);
        Assert.False(imu.Health.IsHealthy);
        sim.PushRaw(1, 2, 3, 4, 5, 6, 7);
        Assert.False(imu.TryReadFifo(0, new ImuReading[4], out _));
    }

    [Fact]
    public void Disconnected_device_counts_bus_errors_and_turns_unhealthy_without_throwing()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        sim.Disconnected = true;

        var buffer = new ImuReading[4];
        for (int i = 0; i < 3; i++)
        {
            Assert.False(imu.TryReadFifo(i, buffer, out _));
        }

        Assert.Equal(3, imu.Health.BusErrors);
        Assert.False(imu.Health.IsHealthy);

        sim.Disconnected = false;
        sim.PushRaw(1, 2, 3, 4, 5, 6, 7);
        Assert.True(imu.TryReadFifo(10, buffer, out int count));
        Assert.Equal(1, count);
        Assert.True(imu.Health.IsHealthy);
    }

    [Fact]
    public void Fifo_overflow_is_counted_and_the_fifo_restarts_aligned()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        for (int i = 0; i < 40; i++)
        {
            sim.PushRaw(1, 1, 1, 1, 1, 1, (short)i);
        }

        var buffer = new ImuReading[40];
        Assert.False(imu.TryReadFifo(0, buffer, out _));
        Assert.Equal(1, imu.FifoOverflows);
        Assert.Equal(0, sim.FifoCount);

        sim.PushRaw(0, 0, 2048, 0, 0, 0, 0);
        Assert.True(imu.TryReadFifo(1, buffer, out int count));
        Assert.Equal(1, count);
        Assert.Equal(9.80665, buffer[0].AccelerationMps2.Z, 12);
    }

    [Fact]
    public void Identical_packets_for_200_samples_are_a_stuck_data_fault()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        var buffer = new ImuReading[32];
        int faultsBefore = 0;
        for (int burst = 0; burst < 7; burst++)
        {
            for (int i = 0; i < 30; i++)
            {
                sim.PushRaw(5, 5, 5, 5, 5, 5, 5);
            }

            imu.TryReadFifo(burst, buffer, out _);
            if (burst == 5)
            {
                faultsBefore = (int)imu.Health.StuckDataEvents;
            }
        }

        Assert.Equal(0, faultsBefore); // 180 identical packets: still plausible
        Assert.Equal(1, imu.Health.StuckDataEvents); // 210 ≥ 200: stuck
    }

    [Fact]
    public void Empty_fifo_returns_false_and_long_silence_is_a_no_data_fault()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        var buffer = new ImuReading[4];
        for (int i = 0; i < 49; i++)
        {
            Assert.False(imu.TryReadFifo(i, buffer, out _));
        }

        Assert.Equal(0, imu.Health.NoDataEvents);
        Assert.False(imu.TryReadFifo(50, buffer, out _));
        Assert.Equal(1, imu.Health.NoDataEvents);
    }

    [Fact]
    public void Fifo_read_allocates_nothing()
    {
        var sim = new Mpu9250Simulator();
        var imu = new Driver(sim, NoDelay);
        Assert.True(imu.Initialize());
        var buffer = new ImuReading[32];
        short n = 0;
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 8; i++)
            {
                sim.PushRaw(n++, 0, 0, 0, 0, 0, 0);
            }

            imu.TryReadFifo(n, buffer, out _);
        });
    }
}
