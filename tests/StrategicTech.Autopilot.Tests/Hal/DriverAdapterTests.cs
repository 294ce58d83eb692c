using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Drivers.Sensors.Ak09916;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Drivers.Sensors.Ms5611;
using StrategicTech.Drivers.Sensors.Pca9685;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Hal;

/// <summary>Driver → Hal adapters on the drivers' register simulators: rotation into body FRD, units, one bus read per tick, faults without exceptions.</summary>
public sealed class DriverAdapterTests
{
    private const double G = 9.80665;

    // ±16 g: 2048 LSB/g → 4.79e-3 m/s² per count; ±2000 °/s: 16.4 LSB/(°/s) → 1.064e-3 rad/s per count.
    private const double AccelLsbMps2 = G / 2048;
    private const double GyroLsbRadps = Math.PI / 180 / 16.4;

    private static (Mpu9250Simulator Sim, Mpu9250 Driver) Imu()
    {
        var sim = new Mpu9250Simulator();
        var driver = new Mpu9250(sim, new Mpu9250Settings { ResetDelayMs = 0 });
        Assert.True(driver.Initialize());
        return (sim, driver);
    }

    [Fact]
    public void Imu_source_rotates_yaw_90_mounting_into_body_and_integrates_over_the_1_ms_sample()
    {
        (Mpu9250Simulator sim, Mpu9250 driver) = Imu();
        var clock = new ManualClock();
        clock.AdvanceToUs(5_000);
        var source = new Mpu9250ImuSource(driver, new SensorRotation(0, 0, 90), clock);

        // Chip X points to the vehicle's right (body Y): 2 m/s² along chip X is 2 m/s² along body Y.
        sim.Push(new Vector3(2.0, 0.0, -G), new Vector3(0.5, 0.0, 0.1), 30.0);

        Assert.True(source.TryReadImu(out ImuSample s));
        Assert.Equal(5_000, s.TimeUs);
        Assert.Equal(0.001, s.DtS);
        Assert.Equal(0.0, s.DeltaVelocityMps.X * 1000, AccelLsbMps2);
        Assert.Equal(2.0, s.DeltaVelocityMps.Y * 1000, AccelLsbMps2);
        Assert.Equal(-G, s.DeltaVelocityMps.Z * 1000, AccelLsbMps2);
        Assert.Equal(0.0, s.DeltaAngleRad.X * 1000, GyroLsbRadps);
        Assert.Equal(0.5, s.DeltaAngleRad.Y * 1000, GyroLsbRadps);
        Assert.Equal(0.1, s.DeltaAngleRad.Z * 1000, GyroLsbRadps);
        Assert.Equal(30.0, source.TemperatureC, 1.0 / 333.87);
        Assert.False(source.TryReadImu(out _));
    }

    [Fact]
    public void Imu_source_hands_out_a_fifo_burst_oldest_first_and_polls_the_bus_once_per_tick()
    {
        (Mpu9250Simulator sim, Mpu9250 driver) = Imu();
        var clock = new ManualClock();
        clock.AdvanceToUs(10_000);
        var source = new Mpu9250ImuSource(driver, SensorRotation.None, clock);
        for (int i = 1; i <= 3; i++)
        {
            sim.Push(new Vector3(i, 0, 0), default, 25);
        }

        var times = new List<long>();
        var accel = new List<double>();
        while (source.TryReadImu(out ImuSample s))
        {
            times.Add(s.TimeUs);
            accel.Add(s.DeltaVelocityMps.X * 1000);
        }

        Assert.Equal([8_000L, 9_000L, 10_000L], times);
        Assert.Equal(1.0, accel[0], AccelLsbMps2);
        Assert.Equal(3.0, accel[2], AccelLsbMps2);

        // Same tick: no second FIFO read, even with new data waiting.
        sim.Push(new Vector3(4, 0, 0), default, 25);
        Assert.False(source.TryReadImu(out _));
        clock.AdvanceToUs(11_000);
        Assert.True(source.TryReadImu(out _));
    }

    [Fact]
    public void Imu_that_stops_answering_yields_no_samples_and_a_counted_bus_fault_instead_of_an_exception()
    {
        (Mpu9250Simulator sim, Mpu9250 driver) = Imu();
        var clock = new ManualClock();
        var source = new Mpu9250ImuSource(driver, SensorRotation.None, clock);
        sim.Disconnected = true;

        for (int i = 1; i <= 5; i++)
        {
            clock.AdvanceToUs(i * 1000);
            Assert.False(source.TryReadImu(out _));
        }

        Assert.Equal(5, source.Health.BusErrors);
        Assert.False(source.Health.IsHealthy);
    }

    [Fact]
    public void Imu_read_path_allocates_nothing()
    {
        (Mpu9250Simulator sim, Mpu9250 driver) = Imu();
        var clock = new ManualClock();
        var source = new Mpu9250ImuSource(driver, new SensorRotation(180, 0, 90), clock);
        long t = 0;
        Allocations.AssertZero(() =>
        {
            t += 1000;
            clock.AdvanceToUs(t);
            sim.Push(new Vector3(0.1 * (t % 7), 0, -G), new Vector3(0, 0.01 * (t % 5), 0), 25);
            while (source.TryReadImu(out _))
            {
            }
        });
    }

    [Fact]
    public void Barometer_source_reports_isa_pressure_altitude_of_the_compensated_pressure()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(new Ms5611Calibration(40127, 36924, 23317, 23282, 33464, 28312)));
        var baro = new Ms5611(sim);
        Assert.True(baro.Initialize());
        var clock = new ManualClock();
        var source = new Ms5611BarometerSource(baro, clock);
        double pressurePa = IsaPressureAltitude.PressurePa(500.0);
        sim.SetMeasurement(pressurePa, 15.0);

        var samples = new List<BaroSample>();
        for (long t = 1000; t <= 50_000; t += 1000)
        {
            clock.AdvanceToUs(t);
            while (source.TryReadBarometer(out BaroSample s))
            {
                samples.Add(s);
            }
        }

        // OSR 4096: 9.04 ms per conversion, pressure then temperature; polled each 1 ms tick from 1 ms: samples at 21 and 41 ms.
        Assert.Equal(2, samples.Count);
        Assert.Equal(500.0, samples[0].AltitudeM, 0.09); // pressure counts are 1 Pa ≈ 0.085 m at 500 m
        Assert.Equal(Math.Round(pressurePa), source.Latest.PressurePa);
        Assert.Equal(15.0, source.Latest.TemperatureC, 0.005);
    }

    [Fact]
    public void Isa_pressure_altitude_is_0_at_101325_pa_and_inverts_its_pressure()
    {
        Assert.Equal(0.0, IsaPressureAltitude.AltitudeM(101_325.0), 1e-9);
        Assert.Equal(89_874.6, IsaPressureAltitude.PressurePa(1000.0), 0.5); // ICAO table: 898.746 hPa at 1000 m
        Assert.Equal(1234.5, IsaPressureAltitude.AltitudeM(IsaPressureAltitude.PressurePa(1234.5)), 1e-6);
    }

    [Fact]
    public void Magnetometer_source_turns_an_upside_down_chip_into_body_frd_gauss()
    {
        var sim = new Ak09916Simulator();
        var mag = new Ak09916(sim);
        Assert.True(mag.Initialize());
        var clock = new ManualClock();
        clock.AdvanceToUs(1000);
        var source = new Ak09916MagnetometerSource(mag, new SensorRotation(180, 0, 0), clock);
        sim.Push(new Vector3(20e-6, 5e-6, -40e-6)); // tesla, chip axes

        Assert.True(source.TryReadMagnetometer(out MagSample s));
        Assert.False(source.TryReadMagnetometer(out _)); // DRDY cleared, and one read per tick

        // Roll 180°: body = (x, −y, −z); 1 T = 1e4 G; 0.15 µT counts = 1.5e-3 G.
        Assert.Equal(0.20, s.FieldGauss.X, 0.75e-3);
        Assert.Equal(-0.05, s.FieldGauss.Y, 0.75e-3);
        Assert.Equal(0.40, s.FieldGauss.Z, 0.75e-3);
    }

    [Fact]
    public void Gnss_source_decodes_the_ubx_stream_into_an_ellipsoid_height_fix()
    {
        var ring = new ByteRing();
        var clock = new ManualClock();
        clock.AdvanceToUs(200_000);
        var source = new UbloxGnssSource(new UbloxReceiver(), ring, clock);
        var fix = new GnssFix
        {
            FixType = GnssFixType.Fix3D,
            FixOk = true,
            SatellitesUsed = 12,
            LatitudeDeg = 47.3977419,
            LongitudeDeg = 8.5455938,
            HeightEllipsoidM = 488.0,
            HeightMslM = 440.0,
            HasAccuracy = true,
            HorizontalAccuracyM = 0.9,
            VerticalAccuracyM = 1.5,
            SpeedAccuracyMps = 0.3,
            HasVelocity = true,
            VelocityNedMps = new Vector3(1.0, -2.0, 0.5),
        };
        byte[] payload = new byte[UbxNavPvt.PayloadLength];
        byte[] frame = new byte[UbxNavPvt.PayloadLength + UbxWriter.Overhead];
        UbxNavPvt.Encode(in fix, 1000, payload);
        int n = UbxWriter.WriteFrame(frame, UbxMessageId.ClassNav, UbxMessageId.NavPvt, payload);
        ring.Write(frame.AsSpan(0, n / 2));
        Assert.False(source.TryReadGnss(out _)); // half a frame: nothing yet
        ring.Write(frame.AsSpan(n / 2, n - (n / 2)));

        Assert.True(source.TryReadGnss(out GnssSample s));
        Assert.Equal(200_000, s.TimeUs);
        Assert.Equal(3, s.FixType);
        Assert.Equal(12, s.Satellites);
        Assert.Equal(47.3977419, s.Position.LatitudeDeg, 1e-7);
        Assert.Equal(8.5455938, s.Position.LongitudeDeg, 1e-7);
        Assert.Equal(488.0, s.Position.HeightM, 1e-3);
        Assert.Equal(-2.0, s.VelocityNedMps.Y, 1e-3);
        Assert.Equal(0.9, s.HorizontalAccuracyM, 1e-3);
        Assert.False(source.TryReadGnss(out _));
    }

    [Fact]
    public void Gnss_fix_the_receiver_does_not_trust_is_passed_on_as_no_fix()
    {
        var sample = UbloxGnssSource.ToSample(new GnssFix { FixType = GnssFixType.Fix3D, FixOk = false, HasAccuracy = true });

        Assert.Equal(1, sample.FixType);
    }

    [Fact]
    public void Pwm_sink_puts_motor_commands_on_the_board_channels_as_1000_to_2000_us()
    {
        var sim = new Pca9685Simulator();
        var pca = new Pca9685(sim);
        Assert.True(pca.Initialize(400));
        var sink = PwmMotorSink.OnPca9685(pca, [3, 2, 1, 0]); // motor 1 on channel 3 … motor 4 on channel 0

        sink.WriteMotors(0, [0.0, 0.25, 0.5, 1.0]);

        // 400 Hz → prescaler 14 → 406.9 Hz: one count = 0.6 µs.
        double countUs = 1e6 / sim.FrequencyHz / 4096;
        Assert.Equal(1000.0, sim.PulseWidthUs(3), countUs);
        Assert.Equal(1250.0, sim.PulseWidthUs(2), countUs);
        Assert.Equal(1500.0, sim.PulseWidthUs(1), countUs);
        Assert.Equal(2000.0, sim.PulseWidthUs(0), countUs);
    }

    [Fact]
    public void Pwm_sink_clamps_out_of_range_and_nan_commands()
    {
        var sim = new Pca9685Simulator();
        var pca = new Pca9685(sim);
        Assert.True(pca.Initialize(400));
        var sink = PwmMotorSink.OnPca9685(pca, [0, 1, 2, 3]);

        sink.WriteMotors(0, [-0.3, 1.7, double.NaN, 0.5]);

        Assert.Equal([1000.0, 2000.0, 1000.0, 1500.0], sink.PulsesUs.ToArray());
    }

    [Fact]
    public void Pwm_sink_write_allocates_nothing()
    {
        var sim = new Pca9685Simulator();
        var pca = new Pca9685(sim);
        Assert.True(pca.Initialize(400));
        var sink = PwmMotorSink.OnPca9685(pca, [0, 1, 2, 3]);
        double[] commands = [0.1, 0.2, 0.3, 0.4];
        Allocations.AssertZero(() => sink.WriteMotors(0, commands));
    }

    [Fact]
    public void Barometer_magnetometer_and_gnss_read_paths_allocate_nothing()
    {
        var baroSim = new Ms5611Simulator(Ms5611Simulator.BuildProm(new Ms5611Calibration(40127, 36924, 23317, 23282, 33464, 28312)));
        var baro = new Ms5611(baroSim);
        Assert.True(baro.Initialize());
        var magSim = new Ak09916Simulator();
        var mag = new Ak09916(magSim);
        Assert.True(mag.Initialize());
        var ring = new ByteRing();
        var clock = new ManualClock();
        var baroSource = new Ms5611BarometerSource(baro, clock);
        var magSource = new Ak09916MagnetometerSource(mag, new SensorRotation(180, 0, 0), clock);
        var gnssSource = new UbloxGnssSource(new UbloxReceiver(), ring, clock);
        byte[] payload = new byte[UbxNavPvt.PayloadLength];
        byte[] frame = new byte[UbxNavPvt.PayloadLength + UbxWriter.Overhead];
        UbxNavPvt.Encode(new GnssFix { FixType = GnssFixType.Fix3D, FixOk = true, LatitudeDeg = 47.4, LongitudeDeg = 8.5, HasAccuracy = true }, 0, payload);
        int length = UbxWriter.WriteFrame(frame, UbxMessageId.ClassNav, UbxMessageId.NavPvt, payload);
        long t = 0;
        Allocations.AssertZero(() =>
        {
            t += 1000;
            clock.AdvanceToUs(t);
            baroSim.SetMeasurement(101_000 + (t % 50), 20.0);
            magSim.Push(new Vector3(20e-6 + (t % 7 * 1e-7), 0, -40e-6));
            ring.Write(frame.AsSpan(0, length));
            baroSource.TryReadBarometer(out _);
            magSource.TryReadMagnetometer(out _);
            gnssSource.TryReadGnss(out _);
        });
    }
}
