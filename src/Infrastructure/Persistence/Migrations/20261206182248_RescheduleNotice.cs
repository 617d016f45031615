using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RescheduleNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reschedule_notice_minutes",
                table: "specialists",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reschedule_notice_minutes",
                table: "slots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "policy_reschedule_notice_minutes",
                table: "bookings",
                type: "integer",
                nullable: true);

            // A booking made before reschedule notices existed may be moved as long as it may be cancelled.
            migrationBuilder.AddColumn<DateTime>(
                name: "reschedulable_until",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.Sql("UPDATE bookings SET reschedulable_until = cancellable_until");
            migrationBuilder.AlterColumn<DateTime>(
                name: "reschedulable_until",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reschedule_notice_minutes",
                table: "specialists");

            migrationBuilder.DropColumn(
                name: "reschedule_notice_minutes",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "policy_reschedule_notice_minutes",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reschedulable_until",
                table: "bookings");
        }
    }
}
