"""Name pools, most frequent first (sampled with Zipf weights), by tradition and sex.

Sources: common-name lists and the shapes seen in migrant-worker registries and
voter lists (DESIGN.md 'Identity facts'). Every name is in today's spelling;
old spellings (Soekarno, Djoko, Tjahjo, Jusuf, Choirul) are derived from them
(:mod:`lindung.demo.names.spelling`).
"""

from __future__ import annotations

from lindung.demo.arrays import words as _words


def _weighted(text: str) -> tuple[tuple[str, float], ...]:
    """'Name:weight' pairs separated by spaces."""
    pairs = (item.rsplit(":", 1) for item in _words(text))
    return tuple((name, float(weight)) for name, weight in pairs)


#: Pools whose members carry explicit weights (written forms of one name).
WEIGHTED: dict[str, tuple[tuple[str, float], ...]] = {
    "muhammad": _weighted(
        """
        Muhammad:0.34 Muhamad:0.12 Mohammad:0.12 Mohamad:0.05 Moh.:0.08 Moch.:0.07 Mochamad:0.06
        Mochammad:0.03 M.:0.08 Muh.:0.05
        """
    ),
    "muhammad_madura": _weighted(
        """
        Moh.:0.35 Mohammad:0.2 Muhammad:0.15 Moch.:0.1 Mohamad:0.1 M.:0.1
        """
    ),
    "muhammad_bugis": _weighted("Muh.:0.4 Muhammad:0.35 Muhamad:0.1 M.:0.15"),
    "ahmad": _weighted("Ahmad:0.7 Achmad:0.2 Akhmad:0.07 Ach.:0.03"),
    "abdul": _weighted("Abdul:0.8 Abd.:0.2"),
    "siti": _weighted("Siti:0.95 Sitti:0.05"),
    "sri": _weighted("Sri:1"),
    "siti_bugis": _weighted("Sitti:0.6 Siti:0.4"),
    "nur": _weighted("Nur:0.75 Nurul:0.25"),
    "bali_m": _weighted(
        """
        I_Wayan:0.2 I_Putu:0.14 I_Gede:0.08 I_Made:0.18 I_Kadek:0.1 I_Nyoman:0.12 I_Komang:0.08
        I_Ketut:0.08 I_Gusti_Ngurah:0.015 Anak_Agung_Gede:0.005
        """
    ),
    "bali_f": _weighted(
        """
        Ni_Luh:0.18 Ni_Putu:0.14 Ni_Wayan:0.08 Ni_Made:0.18 Ni_Kadek:0.1 Ni_Nyoman:0.12
        Ni_Komang:0.08 Ni_Ketut:0.09 I_Gusti_Ayu:0.02 Anak_Agung_Ayu:0.01
        """
    ),
    "lalu": _weighted("Lalu:1"),
    "baiq": _weighted("Baiq:1"),
    "andi": _weighted("Andi:1"),
    "umbu": _weighted("Umbu:1"),
    "rambu": _weighted("Rambu:1"),
    "boru": _weighted("br.:0.8 boru:0.2"),
    "bin": _weighted("bin:1"),
    "binti": _weighted("binti:1"),
    "hajj_m": _weighted("H.:1"),
    "hajj_f": _weighted("Hj.:1"),
    "degree": _weighted(
        """
        S.Pd.:0.3 S.E.:0.15 A.Md.:0.2 S.Kep.:0.1 S.H.:0.05 S.Sos.:0.1 S.Kom.:0.1
        """
    ),
}

POOLS: dict[str, tuple[str, ...]] = {
    # Javanese (Central/East Java, Yogyakarta, Lampung transmigrants)
    "jv_m_mono": _words(
        """
        Sutrisno Slamet Sugeng Wagiman Suparno Sukirman Sarno Tukiman Paijo Ngadiman Suwarno Kasiman
        Sunarto Mulyono Parjo Sumarno Suyono Karno Sukardi Darmaji Supriyadi Wiyono Sujono Kusnadi
        Sukarno Suharto Rahmat Riyanto Sutikno Jumadi Tarno Wardi Marsono Ngatimin Sardi Gimin Bejo
        Legiman Samijo Tumijan
        """
    ),
    "jv_m_first": _words(
        """
        Agus Budi Joko Eko Bambang Heru Hadi Rudi Teguh Dwi Cahyo Yusuf Andi Arif Wahyu Tri Imam
        Hari Dedi Adi Yudi Bayu Dimas Fajar Sigit Anton Rizal Khoirul Syaiful Nur Ari Catur Gunawan
        Sri Edi Puji Purwanto Suryo
        """
    ),
    "jv_m_given": _words(
        """
        Santoso Prasetyo Susanto Setiawan Wibowo Nugroho Hidayat Purnomo Susilo Saputro Kurniawan
        Hermanto Wijaya Hartono Prabowo Salim Supriyanto Wahyudi Utomo Raharjo Sulistyo Cahyono
        Mulyadi Setiyawan Riyadi Anwar Yulianto Firmansyah Ramadhan Hariyanto Purwanto Subagyo
        Sutanto Ardiansyah Maulana Syaifudin Rohman Huda Sholeh Mustofa
        """
    ),
    "jv_f_mono": _words(
        """
        Suparmi Sulastri Sumiati Ngatini Tukini Wartini Sumarni Suwarni Sutini Painem Sukarti
        Marsini Suyati Rukmini Jumiati Wagiyem Parmi Sarinah Yatmi Legini Ngadiyem Tumini Darsih
        Kasmini Sriyati Rasmini Warsiti Munawaroh Umiyati Juwariyah Poniyem Karsih Sunarti Supini
        Sumirah Tarmi Surip
        """
    ),
    "jv_f_first": _words(
        """
        Dewi Dwi Tri Eka Rina Yuni Ani Wahyu Endang Puji Ika Lina Rini Eni Umi Yuli Desi Indah Ayu
        Novi Ratna Tutik Kartika Fitri Puspita Tika Winarti Evi Catur Rahayu
        """
    ),
    "jv_f_given": _words(
        """
        Wahyuni Rahayu Lestari Astuti Susanti Handayani Purwanti Suryani Aminah Fatimah Rohmah
        Kurniasih Wulandari Rahmawati Utami Ningsih Setyowati Hidayah Muawanah Maesaroh Nurhayati
        Kusumawati Yuliani Anggraini Safitri Sulistyowati Mulyani Khotimah Nurjanah Marlina Solikhah
        Aisyah Zulaikha Rohani Mardiyah Ernawati Yulianti Pratiwi Widayati Listyowati
        """
    ),
    # Sundanese (West Java, Banten)
    "su_m_first": _words(
        """
        Asep Ujang Cecep Dede Dadang Deden Jajang Endang Iwan Ade Aep Encep Ayi Engkos Ecep Yayan
        Dudi Ojak Yana Dodi Ruhiyat Aceng Oman Tatang Wawan
        """
    ),
    "su_m_given": _words(
        """
        Saepudin Supriatna Suryana Hidayat Sopandi Rohman Kurnia Permana Gunawan Sunarya Mulyana
        Setiawan Saepulloh Sutisna Rukmana Ruhiyat Hermawan Nurdin Kusnadi Somantri Wijaya
        Syarifudin Sobari Maulana Firdaus Suhendar Darmawan
        """
    ),
    "su_f_first": _words(
        """
        Euis Neneng Iis Yayah Enok Ai Imas Teti Lilis Elis Nining Yeyen Nani Ela Entin Popon Cucu
        Tuti Yati Ida Heni Nenden Rini Eneng Nia
        """
    ),
    "su_f_given": _words(
        """
        Komariah Rohayati Hasanah Nurjanah Rostika Maryati Kurniasih Nurhayati Sumiati Jubaedah
        Aisyah Rosita Rahmawati Suryani Mulyani Hayati Sartika Rohimah Sulastri Nurlaela Fitriani
        Sumarni Jamilah Rukmini Kartini Sopiah Rosmiati Karwati
        """
    ),
    # Madurese (Madura and the 'tapal kuda' regencies of East Java)
    "md_m_given": _words(
        """
        Holil Hosnan Misnadi Matrawi Muhlis Fathorrahman Sunarto Hasan Sahrul Juhari Sutikno Rahem
        Mursid Sukri Marzuki Jamal Hosen Busiri Subairi Hairul Syafi'i Ghozali Mahfud Fauzi Sahlan
        Nasir Rasuli Abdullah Sulaiman Ridwan
        """
    ),
    "md_f_given": _words(
        """
        Hosnol_Hotimah Juhairiyah Maimunah Rahmawati Fatimatus_Zahro Hasanah Sumaiyah Sulaiha
        Halimah Mariyam Marlena Holifah Rofiqoh Suhaimah Sunaidah Munawaroh Khotijah Zainab Saniyah
        Aminah Rohimah Hamidah Sitiyah Muzayyanah Juwairiyah Badriyah
        """
    ),
    # Balinese given names (after the birth-order particle)
    "bali_m_given": _words(
        """
        Sudarsana Suardana Artawan Wirawan Budiasa Suarjana Sukadana Adnyana Mertayasa Sutama
        Arimbawa Darmawan Suparta Widiana Astawa Sudiarta Wiguna Antara Sukarta Mahendra Yasa Sujana
        Parwata Eka_Putra Agus_Suryawan Gede_Sukarta
        """
    ),
    "bali_f_given": _words(
        """
        Ariani Sukmawati Suartini Astiti Sriani Wahyuni Ayu_Lestari Sri_Wahyuni Puspitasari Suciati
        Widiastuti Kartini Sudiani Ayu_Suryani Murniati Darmayanti Purnamasari Yuliani Sekar
        Ayu_Puspita Suastini Rusmini Wiratni Sariani
        """
    ),
    # Batak (North Sumatra)
    "bt_m_given": _words(
        """
        Robert Hotman Parlindungan Jhon Sahat Benny Tigor Pardomuan Marihot Mangapul Roy Daniel
        Martin Jefri Rudolf Binsar Hendra Togar Maruli Poltak Ronald Jonny Sabar Dedy
        """
    ),
    "bt_f_given": _words(
        """
        Rosmawati Lamria Dame Tiurma Romauli Nurhayati Lisbet Rotua Tiamsa Rumondang Sarma Melati
        Friska Rina Nurmala Hotmaida Erna Rosdiana Masniari Tiurlan Serli Lasma
        """
    ),
    "bt_clan": _words(
        """
        Simanjuntak Siregar Nainggolan Sitorus Hutagalung Sihombing Simatupang Situmorang Pardede
        Manurung Sinaga Tambunan Panjaitan Hutapea Silalahi Sitompul Lumbantobing Simanullang Purba
        Saragih Ginting Tarigan Sembiring Napitupulu Marpaung Damanik Hasibuan Pasaribu Simbolon
        Aritonang
        """
    ),
    "bt_muslim_clan": _words(
        """
        Nasution Lubis Harahap Siregar Hasibuan Batubara Rangkuti
        """
    ),
    # NTT: Catholic baptismal names, Lamaholot (Flores Timur, Lembata) and Timorese clans
    "ntt_m_baptism": _words(
        """
        Yohanes Fransiskus Petrus Paulus Yoseph Agustinus Antonius Dominikus Aloysius Yakobus
        Stefanus Markus Mikael Kornelis Bernardus Gabriel Yosef Hendrikus Marselinus Simon Viktor
        Laurensius Rofinus Yulius
        """
    ),
    "ntt_f_baptism": _words(
        """
        Maria Maria_Goreti Maria_Yasinta Katarina Theresia Bernadeta Veronika Kristina Anastasia
        Yuliana Florentina Maria_Magdalena Elisabeth Margaretha Agnes Yosefina Skolastika Paulina
        Yasinta Emerensiana Regina Fransiska Imelda Modesta
        """
    ),
    "flores_m_given": _words(
        """
        Kopong Boli Sanga Lewo Raya Laga Beda Ola Tupen Tobi Sabon Pati Doni Kia Lamber Geroda
        """
    ),
    "flores_f_given": _words(
        """
        Kewa Peni Barek Nogo Ina Tuto Sabu Uba Lipat Bota Hoda Nimo Ema Wato
        """
    ),
    "flores_clan": _words(
        """
        Koten Lamawuran Kelen Hurit Tukan Kewuta Lamatokan Maran Liwun Witak Herin Ruron Making Lein
        Sogen Kolin Ola Beda Lewar Halan Keraf Muda Tokan Blolong Lamanepa
        """
    ),
    "timor_clan": _words(
        """
        Seran Nahak Bria Tefa Lake Nenobais Nope Taneo Banunaek Mau Bere Klau Leki Tae Sonbai Faot
        Benu Kase Selan Fanggidae Manafe Ndun Pah Nubatonis
        """
    ),
    # Sasak (Lombok)
    "sasak_m_given": _words(
        """
        Zaini Sahnun Hamdi Hirman Mahnep Sahdan Zulkifli Saparudin Junaidi Ruslan Rusdi Sapri
        Marzuki Sahabudin Hairil Supardi Sukri Musleh Jumaidi Kamarudin Sarjan Hulaimi Mustiadi
        """
    ),
    "sasak_f_given": _words(
        """
        Marniati Rohani Nurhasanah Sumiati Rusniati Hamdiah Saenab Rabiah Fatimah Sahnim Mariani
        Nurul_Aini Hartini Rusmini Samsiah Masnah Salmah Inayah Hadijah Sahriah Nurmini
        """
    ),
    # Bugis and Makassar (South and West Sulawesi)
    "bugis_m_given": _words(
        """
        Syamsuddin Arsyad Ilham Jamaluddin Baharuddin Yusuf Ambo Rahman Hasanuddin Akbar Kamaruddin
        Amiruddin Nasrullah Sudirman Tahir Asri Haeruddin Rusli Syahrir Mansur Saharuddin Irwan
        """
    ),
    "bugis_f_given": _words(
        """
        Hasnah Hasmiati Nurhayati Jumriah Besse Hasnawati Nurmiati Ratnawati Suriani Hasriani
        Marlina Rahmatia Nurhaeda Hadijah Syamsiah Hasni Mardiana Sumarni Haslinda Nurbaya
        """
    ),
    # Pan-Indonesian names (Malay, Minang, Aceh, Kalimantan, mixed; modern names)
    "gen_m_first": _words(
        """
        Ahmad Rizki Fajar Dimas Arif Hendra Rudi Andi Dedi Irfan Hendri Wahyu Rahmat Ilham Yusuf
        Syahrul Aditya Reza Fauzan Hamzah Fikri Ridwan Zulkarnain Agus Iqbal Rian Taufik Hasan
        Ikhsan Bayu Doni Firman
        """
    ),
    "gen_m_given": _words(
        """
        Saputra Pratama Setiawan Kurniawan Firmansyah Ramadhan Hakim Hidayat Nugraha Syahputra
        Maulana Putra Fauzi Rahman Hidayatullah Siregar Ananda Akbar Anwar Effendi Harahap Lubis
        Munandar Hasibuan Aziz Rosyid Amin Halim
        """
    ),
    "gen_f_first": _words(
        """
        Dewi Rina Putri Ayu Indah Fitri Dian Ratna Mega Yanti Nurul Lia Nadia Intan Rika Wulan Sinta
        Yulia Novita Anisa Rahma Eka Desi Maya Tari Sari Fatma
        """
    ),
    "gen_f_given": _words(
        """
        Lestari Wulandari Yuliani Novita Rahmawati Anggraini Safitri Puspita Sari Aisyah Fatimah
        Handayani Susanti Permatasari Oktaviani Maharani Ramadhani Kurniati Hasanah Amelia Marlina
        Yanti Hayati Agustina Sulistiani Rahmadani Fitriani
        """
    ),
    "father": _words(
        """
        Abdullah Sanusi Kasim Ahmad Muhammad Ismail Rahman Hasan Salim Usman Sulaiman Karim Wagiman
        Sukirman Sutrisno Slamet Jumadi Tarmuji Sahri Mahmud Yusuf Umar Kasmudi Syafi'i Dullah Amat
        Musa Idris Zainal Subandi Sarmin Ngadino
        """
    ),
}
