using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateTable(
                name: "slots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    specialist_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    specialist_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    service_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    timezone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    total_capacity = table.Column<int>(type: "integer", nullable: false),
                    booked_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slots", x => x.id);
                    table.CheckConstraint("ck_slots_booked_count", "booked_count BETWEEN 0 AND total_capacity");
                    table.CheckConstraint("ck_slots_status", "status IN ('active', 'inactive')");
                    table.CheckConstraint("ck_slots_time_order", "ends_at > starts_at AND end_time > start_time");
                    table.CheckConstraint("ck_slots_total_capacity", "total_capacity BETWEEN 1 AND 1000");
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    customer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    booked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.id);
                    table.ForeignKey(
                        name: "FK_bookings_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_slot",
                table: "bookings",
                column: "slot_id");

            migrationBuilder.CreateIndex(
                name: "ux_bookings_live_customer",
                table: "bookings",
                columns: new[] { "slot_id", "customer_id" },
                unique: true,
                filter: "cancelled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slots_specialist_starts",
                table: "slots",
                columns: new[] { "specialist_email", "starts_at" });

            // A specialist never has two slots whose [startsAt, endsAt) ranges overlap. EF Core cannot model
            // exclusion constraints, so it lives here; ConstraintViolations maps it to slot_overlaps.
            migrationBuilder.Sql(
                "ALTER TABLE slots ADD CONSTRAINT ex_slots_no_overlap EXCLUDE USING gist " +
                "(specialist_email WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "slots");
        }
    }
}
