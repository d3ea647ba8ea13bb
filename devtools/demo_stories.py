"""The demo mirror's stories: our own short Indonesian text, a different story for each title.

Why hand-written and not devtools.sitegen.story_text: the generated paragraphs share a
template ("Kegiatan nomor N ini diikuti puluhan orang dari berbagai kampung"), and the
near-duplicate pass rightly took different stories for one (the demo showed a bus story and
a bicycle-lane story as one). These share no sentence, so each is a story of its own,
except the copies in SYNDICATED: the same text carried by a second outlet under its own
dateline and headline, which the stories view must group.
"""

from __future__ import annotations

DETIK = {
    "Warga Gotong Royong Bangun Jembatan Bambu": [
        "Puluhan warga Dusun Sukamaju bekerja sejak subuh memasang tiang bambu di atas sungai kecil yang membelah "
        "kampung mereka.",
        "Jembatan lama hanyut terbawa arus bulan lalu, sehingga anak-anak harus menyeberang dengan rakit untuk "
        "pergi ke sekolah.",
        "Kepala dusun mengatakan bambu disumbangkan para pemilik kebun, sedangkan paku dan tali dibeli dari kas "
        "arisan warga.",
    ],
    "Pasar Pagi Dibuka Kembali di Alun-alun": [
        "Setelah dua tahun berhenti, pasar pagi di alun-alun kota kembali ramai oleh pedagang sayur, jajanan, "
        "dan tanaman hias.",
        "Pemerintah kota mengatur lapak dalam tiga baris agar jalur pejalan kaki tetap lega dan sampah mudah "
        "dikumpulkan.",
        "Seorang penjual kue serabi mengaku dagangannya habis sebelum pukul tujuh karena pembeli sudah menunggu "
        "sejak fajar.",
    ],
    "Relawan Tanam Ribuan Bibit Mangrove": [
        "Sekitar tiga ratus relawan menanam lima ribu bibit mangrove di pesisir utara untuk menahan abrasi yang "
        "menggerus tambak.",
        "Koordinator kegiatan menjelaskan bibit dipilih dari jenis api-api karena akarnya cepat mencengkeram "
        "lumpur.",
        "Nelayan setempat berjanji merawat tanaman muda itu selama musim angin barat agar tidak tercabut ombak.",
    ],
    "Sekolah Dasar Dicat Ulang oleh Orang Tua Murid": [
        "Dinding SD Negeri 4 yang kusam kini berwarna hijau muda setelah para orang tua murid mengecatnya pada "
        "akhir pekan.",
        "Komite sekolah mengumpulkan iuran sukarela untuk membeli cat, kuas, dan amplas tanpa memakai dana "
        "bantuan operasional.",
        "Para guru menambahkan mural peta Indonesia di lorong kelas supaya murid lebih mudah belajar geografi.",
    ],
}

DETIK_LONG = ("Banjir Surut, Warga Kembali ke Rumah", [
    "Genangan setinggi pinggang yang merendam Kelurahan Tegalrejo selama tiga hari akhirnya surut pada Senin "
    "siang, meninggalkan garis lumpur cokelat di dinding rumah warga.",
    "Ratusan pengungsi meninggalkan gedung olahraga dan berjalan pulang sambil membawa kasur, selimut, serta "
    "peralatan dapur yang sempat diselamatkan.",
    "Petugas pemadam kebakaran menyemprot lumpur tebal yang menempel di lantai rumah, halaman masjid, dan jalan "
    "kampung sejak pagi.",
    "Dinas kesehatan membuka pos pemeriksaan untuk warga yang mengeluh gatal-gatal dan diare setelah berhari-hari "
    "tinggal di pengungsian yang sempit dan lembap.",
    "Sejumlah sepeda motor yang terendam dibawa ke bengkel darurat yang didirikan komunitas montir muda tanpa "
    "memungut ongkos.",
    "Lurah meminta warga membersihkan selokan bersama-sama agar air hujan berikutnya cepat mengalir ke sungai "
    "dan tidak kembali menggenang.",
    "Bantuan beras dan air minum dari kecamatan dibagikan melalui ketua rukun tetangga sesuai daftar keluarga "
    "yang terdampak.",
    "Warga berharap tanggul di tikungan sungai segera ditinggikan sebelum puncak musim hujan yang diperkirakan "
    "datang bulan depan, agar mereka tidak perlu mengungsi lagi tahun ini.",
])

DETIK_HIDDEN = ("Catatan Redaksi", [
    "Catatan internal redaksi tentang jadwal liputan pekan depan; halaman ini dilarang oleh robots.txt dan "
    "tidak boleh diambil oleh perayap.",
])

LIPUTAN6 = {
    "Harga Cabai di Pasar Induk Mulai Turun": [
        "Harga cabai rawit di pasar induk turun menjadi empat puluh ribu rupiah per kilogram setelah panen raya "
        "di dataran tinggi.",
        "Pedagang grosir menyebut pasokan dari petani naik hampir dua kali lipat dibandingkan bulan sebelumnya.",
        "Ibu rumah tangga menyambut baik penurunan itu karena harga bawang merah dan tomat juga ikut melandai.",
    ],
    "Festival Layang-layang Ramaikan Pantai Selatan": [
        "Ratusan layang-layang berbentuk ikan, naga, dan perahu menghiasi langit pantai selatan dalam festival "
        "tahunan.",
        "Peserta datang dari berbagai kabupaten dan dinilai berdasarkan keindahan warna serta kestabilan terbang.",
        "Panitia mencatat kunjungan wisatawan naik tajam sehingga warung makan di sepanjang pantai kewalahan.",
    ],
    "Perpustakaan Keliling Sambangi Desa Terpencil": [
        "Sebuah mobil boks berisi dua ribu buku cerita berhenti di lapangan desa yang hanya bisa dicapai lewat "
        "jalan tanah.",
        "Anak-anak berebut membaca komik sejarah dan buku dongeng sambil duduk di atas tikar pandan.",
        "Pustakawan berencana datang setiap dua pekan dan meminjamkan buku yang boleh dibawa pulang.",
    ],
    "Petani Kopi Gelar Panen Bersama": [
        "Petani kopi arabika di lereng gunung memetik buah merah bersama-sama dalam tradisi panen yang digelar "
        "setiap awal kemarau.",
        "Hasil petikan dijemur di para-para bambu lalu disangrai di rumah produksi milik kelompok tani.",
        "Tahun ini mereka menjual biji kopi langsung ke kedai di kota sehingga harga jual naik sepertiga.",
    ],
    "Jalur Sepeda Baru Diresmikan": [
        "Jalur sepeda sepanjang enam kilometer yang menghubungkan stasiun dengan kawasan perkantoran resmi dibuka "
        "Minggu pagi.",
        "Jalur itu dipisahkan dari jalan raya oleh pembatas beton rendah dan diberi lampu penerangan setiap dua "
        "puluh meter.",
        "Komunitas pesepeda meminta petugas menindak mobil yang parkir di jalur tersebut sejak hari pertama.",
    ],
}

JPNN_TIPS = ("Tips Menabung untuk Pekerja Muda", [
    "Perencana keuangan menyarankan pekerja muda menyisihkan tabungan tepat pada hari gajian, bukan dari sisa "
    "belanja.",
    "Rekening terpisah untuk dana darurat membantu menahan godaan memakai uang itu untuk jalan-jalan.",
    "Catatan pengeluaran harian di ponsel membuat kebiasaan jajan kopi terlihat jelas jumlahnya setiap bulan.",
    "Cicilan barang konsumtif sebaiknya tidak melebihi sepertiga penghasilan agar arus kas tetap sehat.",
    "Investasi kecil secara rutin di reksa dana pasar uang bisa menjadi langkah pertama sebelum mencoba saham.",
    "Yang terpenting, tujuan menabung ditulis dengan jelas, misalnya uang muka rumah atau biaya menikah.",
])

JPNN = {
    "UMKM Batik Tembus Pasar Ekspor": [
        "Sebuah usaha batik tulis rumahan di Pekalongan mengirim kontainer pertamanya berisi tiga ribu lembar "
        "kain ke Belanda.",
        "Pemilik usaha bercerita pesanan datang setelah motif kawung buatannya dipamerkan dalam pameran "
        "kerajinan di Jakarta.",
        "Dua puluh perajin perempuan dari kampung sekitar kini bekerja tetap dengan upah mingguan.",
        "Dinas koperasi membantu pengurusan sertifikat asal barang agar bea masuk di negara tujuan lebih ringan.",
    ],
    "Bus Listrik Uji Coba di Kota": [
        "Tiga unit bus listrik mulai melayani rute terminal kota menuju kampus negeri dalam masa uji coba satu "
        "bulan.",
        "Penumpang tidak dipungut biaya selama uji coba, cukup menempelkan kartu identitas di pintu masuk.",
        "Operator mencatat satu kali pengisian baterai cukup untuk dua ratus kilometer perjalanan.",
        "Wali kota menargetkan seluruh armada bus kota beralih ke tenaga listrik dalam lima tahun.",
    ],
}

#: Copies carried by a second outlet: (outlet, its headline, the original's title, its dateline).
SYNDICATED = (
    ("liputan6", "Batik Tulis Pekalongan Menembus Pasar Eropa", "UMKM Batik Tembus Pasar Ekspor",
     "Liputan6.com, Pekalongan - "),
    ("liputan6", "Uji Coba Bus Listrik Dimulai, Penumpang Gratis", "Bus Listrik Uji Coba di Kota",
     "Liputan6.com, Jakarta - "),
)


def copy_text(original: list[str], dateline: str) -> list[str]:
    """A syndicated copy: the original's paragraphs with the outlet's dateline in front."""
    return [dateline + original[0], *original[1:]]
