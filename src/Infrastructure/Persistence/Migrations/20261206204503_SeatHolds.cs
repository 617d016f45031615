using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SeatHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "held_count",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "seat_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    customer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_timezone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seat_holds", x => x.id);
                    table.CheckConstraint("ck_seat_holds_expiry", "expires_at > created_at");
                    table.CheckConstraint("ck_seat_holds_status", "status IN ('live', 'booked', 'released', 'expired')");
                    table.ForeignKey(
                        name: "FK_seat_holds_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_slots_held_count",
                table: "slots",
                sql: "held_count BETWEEN 0 AND total_capacity");

            migrationBuilder.CreateIndex(
                name: "ix_seat_holds_by_customer",
                table: "seat_holds",
                column: "customer_id",
                filter: "status = 'live'");

            migrationBuilder.CreateIndex(
                name: "ix_seat_holds_expiry",
                table: "seat_holds",
                column: "expires_at",
                filter: "status = 'live'");

            migrationBuilder.CreateIndex(
                name: "ux_seat_holds_live_customer",
                table: "seat_holds",
                columns: new[] { "slot_id", "customer_id" },
                unique: true,
                filter: "status = 'live'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "seat_holds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_slots_held_count",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "held_count",
                table: "slots");
        }
    }
}
